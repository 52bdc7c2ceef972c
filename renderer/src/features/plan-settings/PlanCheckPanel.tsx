import type { PlanCheckItem, PlanCheckTarget } from '../../../../shared/domain/planCheck';

/** Long lists are cut here: the first ones are enough to see what kind of fix is needed. */
const SHOWN = 100;

function goLabel(target: NonNullable<PlanCheckTarget>, where: string): string {
  return target.kind === 'action' ? `Open ${where.split(',')[0]}` : 'Go to Measures';
}

/** The plan check's findings, each with where it is, how to fix it and, where there is one, a way there. */
export function PlanCheckPanel({
  items,
  onGoTo,
}: {
  items: readonly PlanCheckItem[];
  onGoTo: (target: NonNullable<PlanCheckTarget>) => void;
}) {
  const ordered = [
    ...items.filter((item) => item.severity === 'problem'),
    ...items.filter((item) => item.severity === 'note'),
  ];
  return (
    <section className="plan-check" aria-labelledby="plan-check-title">
      <h2 id="plan-check-title">Plan check</h2>
      {ordered.length === 0 ? (
        <p className="hint">Every lead, measure and review in the plan points at something that is there.</p>
      ) : (
        <>
          <p className="hint">
            The plan opens and saves as it is; these are things to look at. Nothing here is changed until you fix it.
          </p>
          <ul className="plan-check-list">
            {ordered.slice(0, SHOWN).map((item, index) => (
              <li key={index} className={item.severity === 'problem' ? 'plan-check-problem' : 'plan-check-note'}>
                <strong>{item.where}</strong>: {item.what} <span className="hint">{item.fix}</span>{' '}
                {item.target && (
                  <button type="button" className="secondary small" onClick={() => onGoTo(item.target!)}>
                    {goLabel(item.target, item.where)}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {ordered.length > SHOWN && <p className="hint">And {ordered.length - SHOWN} more of the same kinds.</p>}
        </>
      )}
    </section>
  );
}
