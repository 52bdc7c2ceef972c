import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import { toImportPreview } from '../../../../../electron/core/import/importPreview';
import { previewWorkbookImport, readPlanWorkbook } from '../../../../../electron/core/import/planWorkbookImport';
import { SHEET } from '../../../../../shared/domain/workbook';
import { generatePlan } from '../../../../support/generatePlan';
import JSZip from 'jszip';
import { lyingZipBomb, withHonestEntry } from '../../../../support/hostileWorkbooks';

const TODAY = '2026-11-24';
const NOW = new Date('2026-11-24T09:30:00.000Z');
const run = promisify(execFile);

// The limits an import promises (see shared/domain/workbook/limits.ts), spelled out here so that a
// change to them is a deliberate change to this test too.
const UNZIPPED_MB = 40;
const ROWS_PER_SHEET = 30_000;
const PROBLEMS_SHOWN = 200;
const CELLS = 300_000;

let dir: string;
let exported: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-limits-'));
  exported = await writePlanWorkbook(demoDocument(), TODAY, { now: NOW });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function edited(bytes: Buffer, edit: (workbook: InstanceType<typeof ExcelJS.Workbook>) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Previews the import of `bytes` in a process of its own, stopped after `timeout` ms. */
async function importInChild(bytes: Buffer, name: string, timeout: number) {
  const file = join(dir, name);
  await writeFile(file, bytes);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', resolve('tests/support/importInChild.ts'), file], {
    maxBuffer: 1024 * 1024,
    timeout,
  });
  return JSON.parse(stdout) as { problems: number; first: string | null; peakMb: number };
}

describe('a workbook whose zip lies about its sizes', () => {
  it('is refused with a clear message while unpacking, and the process reading it survives within the memory budget', async () => {
    // 1 GB of zeros claimed to be 1,000 bytes in both headers, in place of the "Action plan" sheet.
    const bomb = await lyingZipBomb(exported, 'xl/worksheets/sheet1.xml', 1024 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    // In a process of its own, so that code which inflated the whole bomb could not take this one down.
    const outcome = await importInChild(bomb, 'bomb.xlsx', 170_000);
    expect(outcome.problems).toBe(1);
    expect(outcome.first).toBe(
      `this file unpacks to more than ${UNZIPPED_MB} MB, far more than any workbook exported from the app, so it was not read`,
    );
    expect(outcome.peakMb).toBeLessThan(500);
  }, 180_000);
});

describe('a workbook merging every cell of a sheet', () => {
  it('is read without expanding the merge (which would be 17 billion cells)', async () => {
    const sheet = 'xl/worksheets/sheet1.xml';
    const xml = await (await JSZip.loadAsync(exported)).file(sheet)!.async('string');
    const merged = xml.replace(
      '</sheetData>',
      '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    );
    expect(merged).not.toBe(xml);
    const outcome = await importInChild(
      await withHonestEntry(exported, sheet, Buffer.from(merged)),
      'merged.xlsx',
      90_000,
    );
    expect(outcome).toMatchObject({ problems: 0, first: null });
    expect(outcome.peakMb).toBeLessThan(500);
  }, 120_000);
});

describe('limits on what an import reads', () => {
  it('refuses a workbook with more rows on a sheet than an import reads, naming the sheet and the count', async () => {
    const extra = ROWS_PER_SHEET + 5;
    const big = await edited(exported, (workbook) => {
      const sheet = workbook.getWorksheet(SHEET.plan)!;
      for (let index = 0; index < extra; index += 1) sheet.addRow(['', '', `X${index}`]);
    });
    const rows = (await readPlanWorkbook(exported)).sheets[SHEET.plan]!.rows.length + 1 + extra;
    const parsed = await readPlanWorkbook(big);
    expect(parsed.error).toBe(
      `the workbook has ${rows.toLocaleString('en-GB')} rows on sheet "Action plan"; an import reads at most ` +
        `${ROWS_PER_SHEET.toLocaleString('en-GB')} rows on a sheet – export a fresh workbook from the app, or remove the extra rows`,
    );
  }, 120_000);

  it('refuses a workbook with more cells on the sheets an import reads than it reads, before parsing them', async () => {
    const cells = '<c r="A2" t="inlineStr"><is><t>x</t></is></c>'.repeat(CELLS + 1);
    const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2">${cells}</row></sheetData></worksheet>`;
    const parsed = await readPlanWorkbook(
      await withHonestEntry(exported, 'xl/worksheets/sheet2.xml', Buffer.from(xml)),
    );
    expect(parsed.error).toBe(
      `the workbook has more than ${CELLS.toLocaleString('en-GB')} cells on the sheets an import reads; an import reads at most that many – ` +
        'export a fresh workbook from the app',
    );
  });

  it('refuses a cell longer than Excel allows, naming the cell', async () => {
    const long = await edited(exported, (workbook) => {
      workbook.getWorksheet(SHEET.plan)!.getCell('E2').value = 'x'.repeat(32_768);
    });
    const parsed = await readPlanWorkbook(long);
    expect(parsed.error).toBe(`cell E2 on sheet "Action plan" holds 32,768 characters; a cell holds at most 32,767`);
  });

  it('refuses a row reaching past the columns an import reads', async () => {
    const wide = await edited(exported, (workbook) => {
      workbook.getWorksheet(SHEET.steps)!.getCell('XFD3').value = 'far away';
    });
    const parsed = await readPlanWorkbook(wide);
    expect(parsed.error).toBe(
      'row 3 on sheet "Next steps" has a cell in column XFD; an import reads at most 100 columns – clear the cells after column CV',
    );
  });

  it('lists the first 200 problems and counts the rest', async () => {
    const doc = generatePlan(260);
    const bytes = await edited(await writePlanWorkbook(doc, TODAY, { now: NOW }), (workbook) => {
      const sheet = workbook.getWorksheet(SHEET.plan)!;
      for (let row = 2; row <= sheet.rowCount; row += 1) sheet.getCell(row, 10).value = 'Not a status';
    });
    const preview = toImportPreview('plan.xlsx', await previewWorkbookImport(doc, bytes));
    expect(preview.problems).toHaveLength(PROBLEMS_SHOWN);
    expect(preview.moreProblems).toBe(260 - PROBLEMS_SHOWN);
    expect(preview.problems.every((problem) => problem.column === 'Status')).toBe(true);
  }, 120_000);
});
