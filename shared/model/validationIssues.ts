import { z } from 'zod';

export const fieldProblemSchema = z.object({
  /** Where, as code sees it ("actions[11].status"): forms match a problem to their field by it. */
  field: z.string(),
  reason: z.string(),
  /** Where, as a person knows it ("Action 12, Status"). */
  label: z.string().optional(),
});
export type FieldProblem = z.infer<typeof fieldProblemSchema>;

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
  null: 'empty (null)',
};

/** zod's own wording ("expected string, received undefined") read as the plan's wording. */
function readableReason(issue: z.core.$ZodIssue): string {
  const expected = /^Invalid input: expected (\w+), received (\w+)$/.exec(issue.message);
  if (!expected) return issue.message;
  const [, want, got] = expected as unknown as [string, string, string];
  if (got === 'undefined') return `is missing (expected ${want})`;
  return `must be ${KINDS[want] ?? want}, not ${KINDS[got] ?? got}`;
}

/** Field names as the app's screens show them. */
const FIELD_LABELS: Record<string, string> = {
  schemaVersion: 'Data version',
  plan: 'Plan details',
  matrix: 'Maturity matrix',
  id: 'Id',
  number: 'No.',
  areaId: 'Matrix area',
  description: 'Description',
  achievement: 'Achievement to date',
  nextSteps: 'Next steps',
  leads: 'Leads',
  timescale: 'Timescale',
  timescaleText: 'Timescale',
  progressLevel: 'Progress level',
  status: 'Status',
  createdAt: 'Created',
  updatedAt: 'Last updated',
  text: 'Text',
  done: 'Done',
  due: 'Due date',
  name: 'Name',
  personId: 'Link to People',
  role: 'Role',
  organisation: 'Organisation',
  title: 'Title',
  periodStart: 'Period start',
  periodEnd: 'Period end',
  boards: 'Boards',
  nextBoardDate: 'Next board meeting',
  areas: 'Areas',
  levels: 'Levels',
  level: 'Level',
  date: 'Date',
  evidence: 'Evidence',
  assessedBy: 'Assessed by',
  recordedAt: 'Recorded',
  direction: 'Direction',
  unit: 'Unit',
  target: 'Target',
  baseline: 'Baseline',
  value: 'Value',
  values: 'Values',
  note: 'Note',
  areaIds: 'Matrix areas',
  actionIds: 'Linked actions',
  actionId: 'Action',
  actionNumber: 'Action No.',
  at: 'When',
  upTo: 'Up to',
  by: 'By',
  outcome: 'Outcome',
  comment: 'Comment',
  field: 'Field',
  old: 'Old value',
  new: 'New value',
  changeId: 'Change id',
  meetingDate: 'Meeting date',
  producedAt: 'Produced',
  board: 'Board',
  boardName: 'Board name',
  subject: 'Subject',
  purpose: 'Purpose',
  recommendations: 'Recommendations',
  recommendationsIntro: 'Recommendations introduction',
  authors: 'Authors',
  sections: 'Sections',
  files: 'Files',
  snapshot: 'Snapshot',
  jobTitle: 'Job title',
  contact: 'Contact',
};

/** The names the API gives its inputs and answers ("changes.status"): a person only knows the field. */
const INPUT_NAMES = new Set([
  'changes',
  'action',
  'step',
  'person',
  'measure',
  'point',
  'review',
  'assessment',
  'paper',
  'value',
]);

type Lookup = (path: readonly PropertyKey[]) => unknown;

function textAt(lookup: Lookup, path: readonly PropertyKey[]): string | null {
  const value = lookup(path);
  return typeof value === 'string' && value.trim().length > 0 ? value.trim().slice(0, 60) : null;
}

/** "Action 12", "next step 2", "Person 4 (Jo Smith)": one item of a list, as the screens name it. */
function itemLabel(list: string, index: number, at: readonly PropertyKey[], lookup: Lookup): string {
  const position = index + 1;
  const named = (noun: string, key: string) => {
    const name = textAt(lookup, [...at, key]);
    return name ? `${noun} ${position} (${name})` : `${noun} ${position}`;
  };
  switch (list) {
    case 'actions': {
      const number = textAt(lookup, [...at, 'number']);
      return number ? `Action ${number}` : `Action at position ${position}`;
    }
    case 'nextSteps':
      return `next step ${position}`;
    case 'leads':
      return `lead ${position}`;
    case 'people':
      return named('Person', 'name');
    case 'areas':
      return named('area', 'name');
    case 'levels':
      return `level ${position}`;
    case 'assessments':
      return `Assessment ${position}`;
    case 'measures':
      return named('Measure', 'name');
    case 'values': {
      const date = textAt(lookup, [...at, 'date']);
      return date ? `value of ${date}` : `value ${position}`;
    }
    case 'reviews':
      return `Review ${position}`;
    case 'papers':
      return `Board paper ${position}`;
    case 'updateLog':
      return `Update log entry ${position}`;
    default:
      return `${FIELD_LABELS[list] ?? `"${list}"`}, item ${position}`;
  }
}

/**
 * Where a value sits, as a person knows it: ["actions", 11, "nextSteps", 1, "timescale", "due"] in a
 * plan whose 12th action is numbered 12 reads "Action 12, next step 2, Due date". `root` is what was
 * checked, so actions can be named by their number; without it they are named by position.
 */
export function labelOfPath(path: readonly PropertyKey[], root?: unknown): string {
  const lookup: Lookup = (at) => {
    let node = root;
    for (const key of at) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<PropertyKey, unknown>)[key];
    }
    return node;
  };
  const parts: string[] = [];
  path.forEach((key, index) => {
    const next = path[index + 1];
    const previous = path[index - 1];
    if (index === 0 && typeof key === 'string' && INPUT_NAMES.has(key) && path.length > 1) return;
    if (typeof next === 'number') return;
    if (typeof key === 'number') {
      parts.push(
        typeof previous === 'string' ? itemLabel(previous, key, path.slice(0, index + 1), lookup) : `item ${key + 1}`,
      );
      return;
    }
    // A timescale is shown as its words and the due date read from them, not as an object.
    if (key === 'timescale' && (next === 'text' || next === 'due')) return;
    if (previous === 'timescale' && key === 'text') return parts.push('Timescale');
    if (previous === 'baseline' && (key === 'date' || key === 'value')) return parts.push(`Baseline ${key}`);
    if (previous === 'baseline') return;
    parts.push(FIELD_LABELS[String(key)] ?? `"${String(key)}"`);
  });
  const label = parts.join(', ');
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : 'The whole value';
}

/**
 * Errors of a whole plan remember it, so whoever turns them into problems (the store refusing a save, say)
 * names actions by their number without having to pass the plan along.
 */
const checkedValues = new WeakMap<z.ZodError, unknown>();

export function rememberCheckedValue(error: z.ZodError, value: unknown): z.ZodError {
  checkedValues.set(error, value);
  return error;
}

/** Turns a zod error into problems a person can act on: "Action 12, Status: must be one of …". */
export function fieldProblems(error: z.ZodError, root: unknown = checkedValues.get(error)): FieldProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => problem([...issue.path, key], 'is not a field this accepts', root))
      : [problem(issue.path, readableReason(issue), root)],
  );
}

function problem(path: readonly PropertyKey[], reason: string, root: unknown): FieldProblem {
  return { field: pathText(path), reason, label: labelOfPath(path, root) };
}

function pathText(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${String(key)}` : String(key)),
      '',
    ) || '(whole value)'
  );
}

export function describeProblems(problems: readonly FieldProblem[], limit = 5): string {
  const shown = problems.slice(0, limit).map((problem) => `${problem.label ?? problem.field}: ${problem.reason}`);
  const more = problems.length > limit ? `; and ${problems.length - limit} more` : '';
  return shown.join('; ') + more;
}
