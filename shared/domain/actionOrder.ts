import type { Action } from '../model/action';

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** Plans print actions 1, 2, ... 10, 10a: compare numbers as people read them, not as strings. */
export function compareActionNumbers(a: string, b: string): number {
  return collator.compare(a, b);
}

export function sortActions(actions: readonly Action[]): Action[] {
  return [...actions].sort((a, b) => compareActionNumbers(a.number, b.number));
}

/**
 * The number a new action in `areaId` would most likely be given: the next in that area's own series
 * ("3.4" after "3.3"; "9" after "8") when it is free, else the next after the highest number in the plan.
 */
export function suggestActionNumber(actions: readonly Action[], areaId: string): string {
  const used = new Set(actions.map((action) => action.number.toLowerCase()));
  const inArea = sortActions(actions.filter((action) => action.areaId === areaId));
  const last = inArea.at(-1)?.number;
  const series = last === undefined ? null : /^(.*?)(\d+)$/.exec(last);
  if (series) {
    const candidate = `${series[1]}${Number(series[2]) + 1}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
  const highest = Math.max(0, ...actions.map((action) => Number(/^\d+/.exec(action.number)?.[0] ?? 0)));
  return String(highest + 1);
}
