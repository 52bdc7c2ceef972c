import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Worksheet } from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from '../../electron/core/export/planWorkbookExcel';
import { STATUS_LABELS } from '../../shared/model/action';
import { e2eSkipReason, launchApp, sharedBrowser, planOnDisk, expectNoAxeViolations, TESTER } from './support';

const unavailable = e2eSkipReason();

const clock = () => new Date('2026-11-24T10:00:00Z');
/** "Action plan" sheet: Action No. is column C, Achievement to date E, Status J. */
const NUMBER_COLUMN = 3;
const ACHIEVEMENT_COLUMN = 5;
const STATUS_COLUMN = 10;

/** Exports the plan's workbook the way a secretary does: from the Board paper screen, Excel only. */
async function exportWorkbook(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Board paper', exact: true }).click();
  const form = page.getByRole('form', { name: 'Board paper' });
  await form.getByRole('checkbox', { name: 'Word briefing note (.docx)' }).uncheck();
  await form.getByRole('button', { name: 'Export…' }).click();
  const saved = form.getByRole('status').filter({ hasText: 'Saved as the draft' });
  await saved.waitFor();
  const [file] = await saved.locator('li code').allTextContents();
  expect(file).toMatch(/\.xlsx$/);
  return file!;
}

function planRow(sheet: Worksheet, number: string): number {
  for (let row = 2; row <= sheet.rowCount; row += 1) if (sheet.getCell(row, NUMBER_COLUMN).value === number) return row;
  throw new Error(`No "Action plan" row for action ${number}`);
}

/** What a lead does: open the workbook in Excel, change cells, save it under a new name. */
async function editWorkbook(source: string, target: string, edit: (sheet: Worksheet) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(source)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  edit(workbook.getWorksheet('Action plan')!);
  await writeFile(target, Buffer.from(await workbook.xlsx.writeBuffer()));
}

describe.skipIf(unavailable !== null)('import from Excel in real Chromium', () => {
  const browser = sharedBrowser();

  it(
    'previews an edited status, imports it, and shows it in the plan and the JSON file',
    { timeout: 60_000 },
    async () => {
      const app = await launchApp(browser(), { clock });
      try {
        const { page } = app;
        const before = await planOnDisk(app.dataFile);
        const target = before.actions.find((action) => action.status === 'on_track')!;
        const exported = await exportWorkbook(page);
        const edited = join(dirname(app.dataFile), 'edited by lead.xlsx');
        await editWorkbook(exported, edited, (sheet) => {
          sheet.getCell(planRow(sheet, target.number), STATUS_COLUMN).value = STATUS_LABELS.off_track;
        });

        await page.getByRole('button', { name: 'Import from Excel', exact: true }).click();
        await page.getByLabel('Workbook (.xlsx)').setInputFiles(edited);
        const changes = page.getByRole('table', { name: 'Changes' });
        await changes.waitFor();
        const rows = changes.getByRole('row');
        expect(await rows.count()).toBe(2);
        await expectNoAxeViolations(page, 'the import preview listing a change');
        expect(await rows.nth(1).getByRole('cell').allTextContents()).toEqual([
          target.number,
          'Status',
          STATUS_LABELS.on_track,
          STATUS_LABELS.off_track,
        ]);
        expect(
          await planOnDisk(app.dataFile).then((doc) => doc.actions.find((action) => action.id === target.id)!.status),
        ).toBe('on_track');

        await page.getByRole('button', { name: 'Import 1 change' }).click();
        await page.getByText('Imported 1 change from edited by lead.xlsx').waitFor();

        await page.getByRole('button', { name: 'Action plan', exact: true }).click();
        await expect
          .poll(() => page.getByLabel(`Status of action ${target.number}`, { exact: true }).inputValue())
          .toBe('off_track');
        const after = await planOnDisk(app.dataFile);
        expect(after.actions.find((action) => action.id === target.id)!.status).toBe('off_track');
        expect(after.updateLog.at(-1)).toMatchObject({
          actionId: target.id,
          field: 'status',
          old: '"on_track"',
          new: '"off_track"',
          by: TESTER.name,
        });
      } finally {
        await app.close();
      }
    },
  );

  it(
    'shows a bad status with its sheet, row and column, and will not import anything',
    { timeout: 60_000 },
    async () => {
      const app = await launchApp(browser(), { clock });
      try {
        const { page } = app;
        const before = await planOnDisk(app.dataFile);
        const [bad, good] = before.actions;
        const exported = await exportWorkbook(page);
        const edited = join(dirname(app.dataFile), 'bad status.xlsx');
        let badRow = 0;
        await editWorkbook(exported, edited, (sheet) => {
          badRow = planRow(sheet, bad!.number);
          sheet.getCell(badRow, STATUS_COLUMN).value = 'Nearly there';
          sheet.getCell(planRow(sheet, good!.number), ACHIEVEMENT_COLUMN).value = 'A good edit beside the bad one';
        });

        await page.getByRole('button', { name: 'Import from Excel', exact: true }).click();
        await page.getByLabel('Workbook (.xlsx)').setInputFiles(edited);
        const problems = page.getByRole('table', { name: 'Problems' });
        await problems.waitFor();
        await page.getByRole('alert').filter({ hasText: '1 problem found: nothing can be imported' }).waitFor();
        expect(await problems.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual([
          `Sheet “Action plan”, row ${badRow}, column J “Status”`,
          'must be one of Not started, On track, At risk, Off track, Complete',
        ]);
        // Nothing can be imported, so the button is disabled and offers no count of changes.
        const importButton = page.getByRole('button', { name: 'Import', exact: true });
        expect(await importButton.isDisabled()).toBe(true);
        expect(await page.getByRole('button', { name: /^Import \d+ change/ }).count()).toBe(0);
        expect(await page.getByRole('table', { name: 'Changes' }).count()).toBe(0);
        await expectNoAxeViolations(page, 'the import preview refusing a workbook with a problem');

        const after = await planOnDisk(app.dataFile);
        expect(after.actions).toEqual(before.actions);
        expect(after.updateLog).toEqual(before.updateLog);
      } finally {
        await app.close();
      }
    },
  );
});
