import type { Action } from '../model/action';

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** Plans print actions 1, 2, ... 10, 10a: compare numbers as people read them, not as strings. */
export function compareActionNumbers(a: string, b: string): number {
  return collator.compare(a, b);
}

export function sortActions(actions: readonly Action[]): Action[] {
  return [...actions].sort((a, b) => compareActionNumbers(a.number, b.number));
}
