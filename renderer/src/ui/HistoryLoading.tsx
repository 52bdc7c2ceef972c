/**
 * Stands in for a view or figure that needs the plan's history while it is still arriving, so the page never
 * says "no papers" or "nothing to review" only because the history has not been read yet.
 */
export function HistoryLoading() {
  return (
    <p className="loading" role="status">
      Loading the plan’s history…
    </p>
  );
}

/**
 * Stands in for the plan's counts, filters and the views over all actions while the page holds only the first
 * actions, so no count or list is shown short only because the rest have not been read yet.
 */
export function ActionsLoading() {
  return (
    <p className="loading" role="status">
      Loading the rest of the plan’s actions…
    </p>
  );
}
