/**
 * How each kind of cell is written and read back. The field registry names a kind per column; a value's
 * limits (longest text, most leads) are the field schema's own.
 */
import type { z } from 'zod';
import type { Action, NextStep } from '../../model/action';
import { ACTION_STATUSES, STATUS_LABELS } from '../../model/action';
import type { CellKind } from '../../model/actionFields';
import { maxItems, typedValue } from '../../model/actionFields';
import type { Lead } from '../../model/people';
import { leadSchema } from '../../model/people';
import type { PlanDocument } from '../../model/plan';
import type { IsoDate } from '../../model/primitives';
import { isOverdue, nextDueDate } from '../derived';
import { leadsFromText, leadsToText } from '../leads';
import { EXCEL_MAX_CELL_TEXT } from './limits';
import type { PlanColumnKey, StepColumnKey } from './layout';
import { PLAN_COLUMNS, STATUS_LABEL_LIST, STEP_COLUMNS } from './layout';
import type { WorkbookCell } from './parsed';

export type Parsed<T> = { ok: true; value: T; display: string } | { ok: false; reason: string };

export const doneLabel = (done: boolean): string => (done ? 'Yes' : 'No');

function stepLine(step: NextStep): string {
  const parts = [step.text.trim(), leadsToText(step.leads), step.timescale.text.trim()].filter(
    (part) => part.length > 0,
  );
  return `${step.done ? '[done]' : '[ ]'} ${parts.join(' — ')}`;
}

/** The read-only "Next steps" summary on "Action plan": one line per step, cut to fit an Excel cell. */
export function nextStepsSummary(steps: readonly NextStep[]): string {
  const text = steps.map(stepLine).join('\n');
  if (text.length <= EXCEL_MAX_CELL_TEXT) return text;
  const tail = '\n… (see the Next steps sheet for the rest)';
  return text.slice(0, EXCEL_MAX_CELL_TEXT - tail.length) + tail;
}

/** What a cell's reader is given: the cell itself, its comparable text, the field's schema and the plan. */
interface ReadInput {
  cell: WorkbookCell | undefined;
  text: string;
  schema: z.ZodType;
  doc: PlanDocument;
}

interface CellCodec {
  /** The value as the exported cell's text. */
  write: (value: unknown, areaName: (areaId: string) => string) => string;
  /** An edited cell read back as the field's value; kinds that are never editable have none. */
  read?: (input: ReadInput) => Parsed<unknown>;
}

const STATUS_BY_LABEL = new Map(ACTION_STATUSES.map((status) => [STATUS_LABELS[status].toLowerCase(), status]));

function readText({ text, schema }: ReadInput): Parsed<string> {
  const limits = schema as z.ZodString;
  if ((limits.minLength ?? 0) > 0 && text.length === 0) return { ok: false, reason: 'must not be empty' };
  const max = limits.maxLength ?? Infinity;
  if (text.length > max) return { ok: false, reason: `must be at most ${max} characters (it has ${text.length})` };
  return { ok: true, value: text, display: text };
}

function splitLeadNames(text: string): string[] {
  const names = text
    .split(/[;\n]/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return [...new Set(names)];
}

function readLeads({ text, schema, doc }: ReadInput): Parsed<Lead[]> {
  const names = splitLeadNames(text);
  const most = maxItems(schema);
  if (names.length > most) return { ok: false, reason: `must name at most ${most} leads, separated by ";"` };
  const longest = leadSchema.shape.name.maxLength ?? Infinity;
  const long = names.find((name) => name.length > longest);
  if (long) return { ok: false, reason: `lead "${long.slice(0, 40)}…" must be at most ${longest} characters` };
  const leads = leadsFromText(names.join(';'), doc.people);
  return { ok: true, value: leads, display: leadsToText(leads) };
}

export const CELL_CODECS: Record<CellKind, CellCodec> = {
  text: { write: (value) => value as string, read: readText },
  level: { write: (value) => String(value) },
  areaName: { write: (value, areaName) => areaName(value as string) },
  stepsSummary: { write: (value) => nextStepsSummary(value as NextStep[]) },
  leads: { write: (value) => leadsToText(value as Lead[]), read: readLeads },
  status: {
    write: (value) => STATUS_LABELS[value as Action['status']],
    read: ({ text }) => {
      const status = STATUS_BY_LABEL.get(text.toLowerCase().replace(/\s+/g, ' '));
      return status
        ? { ok: true, value: status, display: STATUS_LABELS[status] }
        : { ok: false, reason: `must be one of ${STATUS_LABEL_LIST.join(', ')}` };
    },
  },
  done: {
    write: (value) => doneLabel(value as boolean),
    read: ({ cell, text }) => {
      if (cell?.kind === 'boolean') return { ok: true, value: cell.value, display: doneLabel(cell.value) };
      const lower = text.toLowerCase();
      if (lower === 'yes' || lower === 'no')
        return { ok: true, value: lower === 'yes', display: doneLabel(lower === 'yes') };
      return { ok: false, reason: 'must be Yes or No' };
    },
  },
};

/**
 * The text of each "Action plan" cell for an action, as exported. The writer writes these (Progress level
 * as a number, Due date as a date) and fingerprints them; the importer compares with them.
 */
export function actionRowTexts(areaName: string, action: Action, today: IsoDate): Record<PlanColumnKey, string> {
  const texts = {} as Record<PlanColumnKey, string>;
  for (const column of PLAN_COLUMNS) {
    if (column.key === 'due') texts.due = nextDueDate(action) ?? '';
    else if (column.key === 'overdue') texts.overdue = isOverdue(action, today) ? 'Yes' : '';
    else texts[column.key] = CELL_CODECS[column.cell as CellKind].write(typedValue(action, column.key), () => areaName);
  }
  return texts;
}

export function stepRowTexts(action: Action, step: NextStep, stepNo: string): Record<StepColumnKey, string> {
  const texts = {} as Record<StepColumnKey, string>;
  for (const column of STEP_COLUMNS) {
    if (column.key === 'number') texts.number = action.number;
    else if (column.key === 'stepNo') texts.stepNo = stepNo;
    else texts[column.key] = CELL_CODECS[column.cell as CellKind].write(typedValue(step, column.key), () => '');
  }
  return texts;
}
