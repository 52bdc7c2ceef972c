import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDataCallReturn, writeDataCallFiles } from '../../electron/core/dataCall/dataCallFiles';
import ExcelJS from '../../electron/core/export/planWorkbookExcel';
import { startDataCall } from '../../shared/domain/dataCall';
import type { PlanDocument } from '../../shared/model/plan';
import { generatePlan } from '../../tests/support/generatePlan';
import type { BenchRow } from './measure';

const TODAY = '2026-11-24';
const TARGET_MS = 10_000;

/** The generated plan with its actions and steps shared out among `leads` people. */
function planWithLeads(size: number, leads: number): PlanDocument {
  const doc = generatePlan(size);
  const nameOf = (index: number) => ({ name: `Lead ${(index % leads) + 1}` });
  return {
    ...doc,
    actions: doc.actions.map((action, index) => ({
      ...action,
      leads: [nameOf(index)],
      nextSteps: action.nextSteps.map((step) => ({ ...step, leads: [nameOf(index)] })),
    })),
  };
}

/** A lead's return: their first achievement rewritten in Excel (here with exceljs). */
async function edited(bytes: Buffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.getWorksheet('My actions')!;
  const headers = (sheet.getRow(1).values as (string | undefined)[]).map((value) => value ?? '');
  sheet.getRow(2).getCell(headers.indexOf('Achievement to date')).value = 'Updated for the board';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const verdict = (ms: number) =>
  ms < TARGET_MS ? `target < ${TARGET_MS / 1000} s: met` : `target < ${TARGET_MS / 1000} s: MISSED`;

/**
 * A data call for `leads` leads over a `size`-action plan: every workbook and email draft written to disk;
 * then the preview (read in the import worker + compare) of every lead's return. One run each: writing
 * 80 files is itself the repetition.
 */
export async function benchDataCall(size = 5000, leads = 40): Promise<BenchRow[]> {
  const plan = planWithLeads(size, leads);
  const folder = await mkdtemp(join(tmpdir(), 'apt-bench-datacall-'));
  try {
    const start = performance.now();
    const { doc, call } = startDataCall(
      plan,
      {
        board: 'Early Help Board',
        meetingDate: '2027-01-21',
        returnBy: '2027-01-08',
        message: 'Please update your actions.',
        leads: Array.from({ length: leads }, (_, index) => ({ name: `Lead ${index + 1}` })),
      },
      { now: '2026-11-24T10:00:00.000Z', by: { name: 'Bench' }, newId: () => 'bench-call' },
    );
    const files = await writeDataCallFiles(doc, call, folder, TODAY, new Date('2026-11-24T10:00:00Z'));
    const writeMs = performance.now() - start;

    const returns = await Promise.all(
      files.filter((file) => file.endsWith('.xlsx')).map(async (file) => edited(await readFile(file))),
    );
    const previewStart = performance.now();
    let changes = 0;
    let problems = 0;
    for (const bytes of returns) {
      const found = await readDataCallReturn(doc, bytes, TODAY);
      changes += found.changes.length;
      problems += found.problems.length;
    }
    const previewMs = performance.now() - previewStart;
    if (changes !== leads || problems !== 0) {
      throw new Error(`Data call bench: expected ${leads} changes and no problems, got ${changes} and ${problems}`);
    }
    return [
      {
        name: `Data call, ${leads} leads over ${size} actions`,
        ms: writeMs,
        detail: `${files.length} files (a workbook and an email draft per lead); one run; ${verdict(writeMs)}`,
      },
      {
        name: `Preview of ${leads} returns, ${size} actions`,
        ms: previewMs,
        detail: `${changes} changes found; read in the import worker + compared; one run; ${verdict(previewMs)}`,
      },
    ];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
