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
