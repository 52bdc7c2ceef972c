import { performance } from 'node:perf_hooks';
import { writePlanWorkbook } from '../../electron/core/export/planWorkbook';
import ExcelJS from '../../electron/core/export/planWorkbookExcel';
import { readPlanWorkbook } from '../../electron/core/import/readPlanWorkbook';
import { planWorkbookChanges, PLAN_COLUMNS, SHEET } from '../../shared/domain/workbook';
import { STATUS_LABELS } from '../../shared/model/action';
import { generatePlan } from '../../tests/support/generatePlan';
import { medianMs } from './measure';
import type { BenchRow } from './measure';

const TODAY = '2026-11-24';
const TARGET_MS = 3000;

/** A lead's edit: `count` statuses changed in Excel (here with exceljs), the workbook saved again. */
async function editStatuses(bytes: Buffer, count: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.getWorksheet(SHEET.plan)!;
  const statusColumn = PLAN_COLUMNS.findIndex((column) => column.key === 'status') + 1;
  const rows = sheet.rowCount - 1;
  for (let edit = 0; edit < count; edit += 1) {
    const cell = sheet.getCell(2 + Math.floor((edit * rows) / count), statusColumn);
    cell.value = cell.value === STATUS_LABELS.at_risk ? STATUS_LABELS.on_track : STATUS_LABELS.at_risk;
  }
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written);
}

const verdict = (ms: number) =>
  ms < TARGET_MS ? `target < ${TARGET_MS / 1000} s: met` : `target < ${TARGET_MS / 1000} s: MISSED`;

/** Excel export of a 5,000-action plan, and import (read + diff) of that workbook after 100 status edits. */
export async function benchExcel(size = 5000, edits = 100): Promise<BenchRow[]> {
  const doc = generatePlan(size);
  const steps = doc.actions.reduce((sum, action) => sum + action.nextSteps.length, 0);

  let bytes: Buffer = Buffer.alloc(0);
  const exportMs = await medianMs(3, async () => {
    bytes = await writePlanWorkbook(doc, TODAY);
  });

  const edited = await editStatuses(bytes, edits);
  let readMs = 0;
  let diffMs = 0;
  let changeCount = 0;
  let problemCount = 0;
  const importMs = await medianMs(3, async () => {
    const start = performance.now();
    const parsed = await readPlanWorkbook(edited);
    const read = performance.now();
    const result = planWorkbookChanges(doc, parsed);
    diffMs = performance.now() - read;
    readMs = read - start;
    changeCount = result.changes.length;
    problemCount = result.problems.length;
  });
  if (changeCount !== edits || problemCount !== 0) {
    throw new Error(
      `Excel import bench: expected ${edits} changes and no problems, got ${changeCount} and ${problemCount}`,
    );
  }

  return [
    {
      name: `Excel export, ${size} actions`,
      ms: exportMs,
      detail: `${steps} next steps, ${(bytes.length / 1024 / 1024).toFixed(2)} MB; median of 3; ${verdict(exportMs)}`,
    },
    {
      name: `Excel import (read + diff), ${size} actions`,
      ms: importMs,
      detail:
        `${edits} statuses edited -> ${changeCount} changes; last run read ${readMs.toFixed(0)} ms + diff ${diffMs.toFixed(0)} ms; ` +
        `median of 3; ${verdict(importMs)}`,
    },
  ];
}
