/**
 * The one definition of every field a person edits on an action and on a next step. Drafts, updateAction,
 * the update log, undo messages, the workbook's columns (export, diff and apply) and the action editor
 * are all derived from these two tables.
 *
 * Adding an editable action field: add it to `actionSchema` with a migration that gives old plans a
 * value, then add one entry to ACTION_FIELDS below (log order: entries of one edit are written in it).
 */
import { z } from 'zod';
import type { Action, NextStep } from './action';
import { actionSchema, nextStepSchema } from './action';
import { idSchema } from './primitives';

/**
 * How a cell shows a value and how the importer reads it back (the codecs are in
 * shared/domain/workbook/cells.ts, where the plan's people and area names are at hand).
 */
export type CellKind = 'text' | 'level' | 'status' | 'leads' | 'done' | 'areaName' | 'stepsSummary';

/** 'key' columns match a row to its action or step; only 'editable' ones are read back as changes. */
export type ColumnRole = 'key' | 'editable' | 'readOnly';

export interface WorkbookColumn {
  header: string;
  /** In characters, as Excel measures column widths. */
  width: number;
  role: ColumnRole;
  cell: CellKind;
  /**
   * Left to right on the "Action plan" sheet (next steps keep the table's order). The importer finds
   * columns by their header, so a new column can go anywhere; the end keeps old workbooks' letters.
   */
  order?: number;
  center?: boolean;
  /**
   * The plan version that added the column. A workbook exported before it (a data call sent out before an
   * upgrade) is read without it rather than refused for a header its lead never had.
   */
  since?: number;
}

interface FieldDef {
  /** As the editor shows it. */
  label: string;
  /** How undo and redo messages name it: "Undone: action 3 achievement to date". */
  words: string;
  /** What a draft holds: the stored field's own schema (or, for a timescale, its words' schema). */
  schema: z.ZodType;
  /** What a draft that leaves the field out gets; no `blank` means the field is required. */
  blank?: unknown;
  /** A timescale is typed as words and stored with the date read from them. */
  draftKey?: string;
  workbook: WorkbookColumn | null;
  /** A long text field is drawn by the editor with no code of its own; the others have their own widget. */
  editor?: 'longText';
}

const field = <const F extends FieldDef>(definition: F): F => definition;

/** The most items an array schema allows (zod keeps string limits as `maxLength`, array limits only as checks). */
export function maxItems(schema: z.ZodType): number {
  const checks =
    (schema as unknown as { def: { checks?: { _zod: { def: { check: string; maximum?: number } } }[] } }).def.checks ??
    [];
  const found = checks.find((check) => check._zod.def.check === 'max_length')?._zod.def.maximum;
  if (found === undefined) throw new Error('The schema has no maximum number of items.');
  return found;
}

const stepShape = nextStepSchema.shape;

/** Each next-step field is a column of "Next steps" under its own label, where a lead may edit it. */
const stepField = <const F extends Omit<FieldDef, 'workbook'>, const C extends CellKind>(
  definition: F,
  cell: C,
  width: number,
) => ({
  ...definition,
  workbook: {
    header: definition.label,
    width,
    role: 'editable' as const,
    cell,
    ...(cell === 'done' ? { center: true } : {}),
  },
});

export const NEXT_STEP_FIELDS = {
  text: stepField({ label: 'Next step', words: 'text', schema: stepShape.text }, 'text', 70),
  leads: stepField({ label: 'Lead(s)', words: 'leads', schema: stepShape.leads, blank: [] }, 'leads', 28),
  timescale: stepField(
    {
      label: 'Timescale',
      words: 'timescale',
      schema: stepShape.timescale.shape.text,
      blank: '',
      draftKey: 'timescaleText',
    },
    'text',
    18,
  ),
  done: stepField({ label: 'Done', words: 'done', schema: stepShape.done, blank: false }, 'done', 8),
};
export type NextStepFieldKey = keyof typeof NEXT_STEP_FIELDS;

type Fields = Record<string, FieldDef>;
type DraftKeyOf<K, F> = F extends { draftKey: infer D extends string } ? D : K;
type DraftSchemaOf<F> = F extends { schema: infer S extends z.ZodType; blank: unknown }
  ? z.ZodDefault<S>
  : F extends { schema: infer S }
    ? S
    : never;
/** A new record's draft: fields with a `blank` may be left out. */
export type DraftShape<T extends Fields> = { [K in keyof T as DraftKeyOf<K, T[K]>]: DraftSchemaOf<T[K]> };
/** A change to an existing record: any field may be left out, and none is filled in for it. */
export type ChangesShape<T extends Fields> = { [K in keyof T as DraftKeyOf<K, T[K]>]: T[K]['schema'] };

export function draftKeyOf(fields: Fields, key: string): string {
  return fields[key]?.draftKey ?? key;
}

export function draftShape<T extends Fields>(fields: T): DraftShape<T> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, definition]) => [
      draftKeyOf(fields, key),
      'blank' in definition ? definition.schema.default(definition.blank as never) : definition.schema,
    ]),
  ) as DraftShape<T>;
}

export function changesShape<T extends Fields>(fields: T): ChangesShape<T> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, definition]) => [draftKeyOf(fields, key), definition.schema]),
  ) as ChangesShape<T>;
}

/** What a person types for a next step: the timescale as words; the due date is parsed from them. */
export const nextStepDraftSchema = z.object({ id: idSchema.optional(), ...draftShape(NEXT_STEP_FIELDS) }).strict();
export type NextStepDraft = z.input<typeof nextStepDraftSchema>;

const actionShape = actionSchema.shape;

export const ACTION_FIELDS = {
  number: field({
    label: 'Action no.',
    words: 'number',
    schema: actionShape.number,
    workbook: { header: 'Action No.', width: 8, role: 'key', cell: 'text', order: 3 },
  }),
  areaId: field({
    label: 'Matrix area',
    words: 'matrix area',
    schema: actionShape.areaId,
    workbook: { header: 'Matrix area', width: 20, role: 'readOnly', cell: 'areaName', order: 1 },
  }),
  description: field({
    label: 'Description',
    words: 'description',
    schema: actionShape.description,
    workbook: { header: 'Description', width: 55, role: 'readOnly', cell: 'text', order: 4 },
    editor: 'longText',
  }),
  achievement: field({
    label: 'Achievement to date',
    words: 'achievement to date',
    schema: actionShape.achievement,
    blank: '',
    workbook: { header: 'Achievement to date', width: 55, role: 'editable', cell: 'text', order: 5 },
    editor: 'longText',
  }),
  leads: field({
    label: 'Lead(s)',
    words: 'leads',
    schema: actionShape.leads,
    blank: [],
    workbook: { header: 'Lead', width: 22, role: 'readOnly', cell: 'leads', order: 7 },
  }),
  progressLevel: field({
    label: 'Progress level',
    words: 'progress level',
    schema: actionShape.progressLevel,
    blank: 1,
    workbook: { header: 'Progress level', width: 9, role: 'readOnly', cell: 'level', order: 2, center: true },
  }),
  status: field({
    label: 'Status',
    words: 'status',
    schema: actionShape.status,
    blank: 'not_started',
    workbook: { header: 'Status', width: 13, role: 'editable', cell: 'status', order: 10 },
  }),
  timescale: field({
    label: 'Timescale',
    words: 'timescale',
    schema: actionShape.timescale.shape.text,
    blank: '',
    draftKey: 'timescaleText',
    workbook: { header: 'Timescale', width: 16, role: 'editable', cell: 'text', order: 8 },
  }),
  nextSteps: field({
    label: 'Next steps',
    words: 'next steps',
    schema: z.array(nextStepDraftSchema).max(maxItems(actionShape.nextSteps)),
    blank: [],
    workbook: { header: 'Next steps', width: 55, role: 'readOnly', cell: 'stepsSummary', order: 6 },
  }),
  risks: field({
    label: 'Risks and issues',
    words: 'risks and issues',
    schema: actionShape.risks,
    blank: '',
    workbook: { header: 'Risks and issues', width: 40, role: 'editable', cell: 'text', order: 11 },
    editor: 'longText',
  }),
  boardComment: field({
    label: 'Comment for the board',
    words: 'comment for the board',
    schema: actionShape.boardComment,
    blank: '',
    // After "Overdue", so the columns of workbooks exported before it keep their letters.
    workbook: { header: 'Comment for the board', width: 40, role: 'editable', cell: 'text', order: 12, since: 4 },
    editor: 'longText',
  }),
  targetLevel: field({
    label: 'Aims to bring the area to',
    words: 'target level',
    // The stored schema fills in null for plans saved before the field existed; a change must not.
    schema: actionShape.targetLevel.unwrap(),
    blank: null,
    // Not in the workbook: the matrix level is chosen in the app, next to the area's descriptors.
    workbook: null,
  }),
};
export type ActionFieldKey = keyof typeof ACTION_FIELDS;

/** The action fields the update log tracks, in the order one edit's entries are written. */
export const LOGGED_FIELDS = Object.keys(ACTION_FIELDS) as ActionFieldKey[];

export function isActionField(key: string): key is ActionFieldKey {
  return Object.hasOwn(ACTION_FIELDS, key);
}

/** A field as a person types it: a timescale's words; anything else as stored. */
export function typedValue<R extends Action | NextStep>(record: R, key: keyof R & string): unknown {
  return key === 'timescale' ? (record as { timescale: { text: string } }).timescale.text : record[key];
}
