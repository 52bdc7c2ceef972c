/**
 * The workbook's layout: its sheets and the columns of the two sheets that are read back. Field columns
 * come from the field registry (shared/model/actionFields.ts); only the keys and the columns the app
 * derives (Due date, Overdue) are declared here.
 */
import type { z } from 'zod';
import { ACTION_STATUSES, STATUS_LABELS } from '../../model/action';
import { ACTION_FIELDS, NEXT_STEP_FIELDS } from '../../model/actionFields';
import type { ActionFieldKey, CellKind, ColumnRole, NextStepFieldKey, WorkbookColumn } from '../../model/actionFields';

/** Bumped when the workbook layout changes in a way an older importer could misread. */
export const WORKBOOK_FORMAT_VERSION = 1;

export const SHEET = {
  plan: 'Action plan',
  steps: 'Next steps',
  matrix: 'Maturity matrix',
  history: 'Matrix history',
  byLead: 'By lead',
  overdue: 'Overdue',
  ids: '_ids',
} as const;

export interface SheetColumn<K extends string = string> {
  key: K;
  header: string;
  width: number;
  /** 'derived' columns are worked out by the app (Due date, Overdue): never read back. */
  role: ColumnRole | 'derived';
  cell: CellKind | 'date' | 'flag';
  center?: boolean;
  /** The field's draft schema, for the columns a lead may edit: its limits are the importer's. */
  schema?: z.ZodType;
  /** The plan version that added the column: older workbooks do not have it. */
  since?: number;
}

function fieldColumns<F extends Record<string, { workbook: WorkbookColumn | null; schema: z.ZodType }>>(
  fields: F,
): (SheetColumn<keyof F & string> & { order: number })[] {
  return Object.entries(fields).flatMap(([key, definition]) => {
    const { order = 0, ...column } = definition.workbook ?? {};
    return definition.workbook ? [{ key, ...(column as WorkbookColumn), order, schema: definition.schema }] : [];
  });
}

const DERIVED_PLAN_COLUMNS = [
  { key: 'due', header: 'Due date', width: 13, role: 'derived', cell: 'date', order: 9 },
  { key: 'overdue', header: 'Overdue', width: 9, role: 'derived', cell: 'flag', center: true, order: 11 },
] as const;

export type PlanColumnKey = ActionFieldKey | (typeof DERIVED_PLAN_COLUMNS)[number]['key'];
export type StepColumnKey = 'number' | 'stepNo' | NextStepFieldKey;

export const PLAN_COLUMNS: readonly SheetColumn<PlanColumnKey>[] = [
  ...fieldColumns(ACTION_FIELDS),
  ...DERIVED_PLAN_COLUMNS,
]
  .sort((a, b) => a.order - b.order)
  .map(({ order: _order, ...column }) => column);

export const STEP_COLUMNS: readonly SheetColumn<StepColumnKey>[] = [
  { key: 'number', header: 'Action No.', width: 9, role: 'key', cell: 'text' },
  { key: 'stepNo', header: 'Step No.', width: 8, role: 'key', cell: 'text' },
  ...fieldColumns(NEXT_STEP_FIELDS).map(({ order: _order, ...column }) => column),
];

/** Header of the row table in "_ids"; the key/value meta rows come before it. */
export const IDS_TABLE_HEADER = [
  'sheet',
  'row',
  'actionId',
  'actionNumber',
  'stepId',
  'stepNo',
  'fingerprints',
] as const;

export const STATUS_LABEL_LIST: readonly string[] = ACTION_STATUSES.map((status) => STATUS_LABELS[status]);
export const DONE_LABELS = ['Yes', 'No'] as const;

export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
