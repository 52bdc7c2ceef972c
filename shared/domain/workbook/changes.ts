/** What an import finds: changes to make, problems that stop it and notices worth reading. */
import type { z } from 'zod';
import { ACTION_FIELDS, NEXT_STEP_FIELDS } from '../../model/actionFields';
import type { nextStepDraftSchema } from '../../model/actionFields';

import type { ImportIssue } from '../../model/importIssue';

export type { ImportIssue };
/** Stops the import: nothing is applied while any problem remains. */
export type ImportProblem = ImportIssue;
/** Worth knowing, but does not stop the import (e.g. an ignored edit in a read-only column). */
export type ImportNotice = ImportIssue;

export function describeIssue(issue: ImportIssue): string {
  const where = [
    issue.sheet !== null ? `sheet "${issue.sheet}"` : null,
    issue.row !== null ? `row ${issue.row}` : null,
    issue.column !== null ? `column ${issue.columnLetter ? `${issue.columnLetter} ` : ''}"${issue.column}"` : null,
  ].filter((part): part is string => part !== null);
  return where.length > 0 ? `${where.join(', ')}: ${issue.reason}` : issue.reason;
}

interface ChangeBase {
  sheet: string;
  row: number;
  column: string;
  actionId: string;
  actionNumber: string;
  /** As shown in the preview. `old` is also checked again when the change is applied. */
  old: string;
  new: string;
}
interface StepChangeBase extends ChangeBase {
  stepId: string;
  stepNo: string;
}
export type NewStepValue = Omit<z.output<typeof nextStepDraftSchema>, 'id'>;

type Editable<F> = { [K in keyof F]: F[K] extends { workbook: { role: 'editable' } } ? K : never }[keyof F];
export type EditableActionField = Editable<typeof ACTION_FIELDS>;
export type EditableStepField = Editable<typeof NEXT_STEP_FIELDS>;
/** A step's field as a change names it: "stepText", "stepDone". */
export type StepChangeField = `step${Capitalize<EditableStepField>}`;

export type ActionFieldChange = {
  [K in EditableActionField]: ChangeBase & { field: K; value: z.output<(typeof ACTION_FIELDS)[K]['schema']> };
}[EditableActionField];
export type StepFieldChange = {
  [K in EditableStepField]: StepChangeBase & {
    field: `step${Capitalize<K>}`;
    value: z.output<(typeof NEXT_STEP_FIELDS)[K]['schema']>;
  };
}[EditableStepField];
/** `stepCount`: how many steps the action had when previewed, so the step is not added twice. */
export type NewStepChange = ChangeBase & { field: 'newStep'; value: NewStepValue; stepCount: number };

export type ImportChange = ActionFieldChange | StepFieldChange | NewStepChange;
export type ImportChangeField = ImportChange['field'];

export const stepChangeField = <K extends EditableStepField>(key: K): `step${Capitalize<K>}` =>
  `step${key.charAt(0).toUpperCase()}${key.slice(1)}` as `step${Capitalize<K>}`;

export function stepFieldOf(field: StepChangeField): EditableStepField {
  return `${field.charAt(4).toLowerCase()}${field.slice(5)}` as EditableStepField;
}

export function isStepFieldChange(change: ImportChange): change is StepFieldChange {
  return 'stepId' in change;
}

const editable = (fields: Record<string, { workbook: { role: string; header: string } | null }>) =>
  Object.entries(fields).flatMap(([key, definition]) =>
    definition.workbook?.role === 'editable' ? [[key, definition.workbook.header] as const] : [],
  );

export const CHANGE_FIELD_LABELS = {
  ...Object.fromEntries(editable(ACTION_FIELDS)),
  ...Object.fromEntries(
    editable(NEXT_STEP_FIELDS).map(([key, header]) => [stepChangeField(key as EditableStepField), header]),
  ),
  newStep: 'New next step',
} as Record<ImportChangeField, string>;

export function describeChange(change: ImportChange): string {
  const step = 'stepNo' in change ? ` step ${change.stepNo}` : '';
  return `Action ${change.actionNumber}${step}, ${CHANGE_FIELD_LABELS[change.field]}: "${change.old}" -> "${change.new}"`;
}

export interface WorkbookMeta {
  planId: string | null;
  planTitle: string | null;
  schemaVersion: number | null;
  workbookFormat: number | null;
  exportedAt: string | null;
}

export interface WorkbookChangeSet {
  meta: WorkbookMeta;
  changes: ImportChange[];
  problems: ImportProblem[];
  notices: ImportNotice[];
}
