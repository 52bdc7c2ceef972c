/**
 * The hidden "_ids" sheet: for every exported row of "Action plan" and "Next steps", the stable action id /
 * step id, the Action No. / Step No. shown on the row and a fingerprint of every exported cell.
 */
import type { IsoDate } from '../../model/primitives';
import type { ImportProblem, WorkbookMeta } from './changes';
import { IDS_TABLE_HEADER, SHEET } from './layout';
import type { ParsedRow, ParsedSheet } from './parsed';
import { cellText } from './parsed';
import { comparable } from './text';

export interface IdsPlanEntry {
  row: number;
  actionId: string;
  number: string;
  fingerprints: string[];
}
export interface IdsStepEntry extends IdsPlanEntry {
  stepId: string;
  stepNo: string;
}
export interface IdsData {
  meta: WorkbookMeta;
  today: IsoDate | null;
  plan: IdsPlanEntry[];
  steps: IdsStepEntry[];
}

export function parseIds(sheet: ParsedSheet, problems: ImportProblem[]): IdsData | null {
  const rows: ParsedRow[] = [{ row: 1, cells: sheet.header }, ...sheet.rows];
  const values = new Map<string, string>();
  const plan: IdsPlanEntry[] = [];
  const steps: IdsStepEntry[] = [];
  let inTable = false;
  // Each exported row and step is listed once, at a real row: anything else means the sheet was edited.
  let damaged = false;
  const seenSteps = new Set<string>();
  const seenRows = new Set<string>();
  for (const { cells } of rows) {
    const texts = cells.map((cell) => comparable(cellText(cell)));
    if (!inTable) {
      if (texts[0] === IDS_TABLE_HEADER[0] && texts[1] === IDS_TABLE_HEADER[1]) inTable = true;
      else if (texts[0]) values.set(texts[0], texts[1] ?? '');
      continue;
    }
    const [sheetName, row, actionId, actionNumber, stepId, stepNo, prints] = texts;
    const entry = {
      row: Number(row),
      actionId: actionId ?? '',
      number: actionNumber ?? '',
      fingerprints: (prints ?? '').split(' ').filter((part) => part.length > 0),
    };
    if (!entry.actionId) continue;
    const rowKey = `${sheetName}\u0000${row}`;
    if (!/^\d+$/.test(row ?? '') || entry.row < 2 || seenRows.has(rowKey)) damaged = true;
    seenRows.add(rowKey);
    if (sheetName === SHEET.plan) plan.push(entry);
    else if (sheetName === SHEET.steps && stepId) {
      if (seenSteps.has(stepId)) damaged = true;
      seenSteps.add(stepId);
      steps.push({ ...entry, stepId, stepNo: stepNo ?? '' });
    }
  }
  const numberOrNull = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : null);
  const meta: WorkbookMeta = {
    planId: values.get('planId') || null,
    planTitle: values.get('planTitle') || null,
    schemaVersion: numberOrNull(values.get('schemaVersion')),
    workbookFormat: numberOrNull(values.get('workbookFormat')),
    exportedAt: values.get('exportedAt') || null,
  };
  if (damaged || !inTable || meta.planId === null || meta.schemaVersion === null || meta.workbookFormat === null) {
    problems.push({
      sheet: SHEET.ids,
      row: null,
      column: null,
      columnLetter: null,
      reason:
        'the hidden "_ids" sheet is damaged, so rows cannot be matched to actions – export a fresh workbook from the app',
    });
    return null;
  }
  const today = values.get('today') ?? '';
  return { meta, today: /^\d{4}-\d{2}-\d{2}$/.test(today) ? today : null, plan, steps };
}
