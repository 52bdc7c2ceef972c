import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import ExcelJS from '../../../electron/core/export/planWorkbookExcel';
import type { DataCall } from '../../../shared/model/dataCall';
import { planOnDisk } from '../support';
import type { RunningApp } from '../support';

/** The data call as the secretary starts it in the app, and the files it wrote. */
export interface StartedCall {
  call: DataCall;
  /** Where the workbooks and email drafts were written (beside the data file: the harness has no folder dialog). */
  folder: string;
  workbooks: string[];
  drafts: string[];
}

/** Starts a data call from the Data call view with its default leads, and waits until its files are written. */
export async function startDataCall(
  app: RunningApp,
  details: { meetingDate: string; returnBy: string; message: string },
): Promise<StartedCall> {
  const { page } = app;
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Data call', exact: true }).click();
  await page.getByLabel('Meeting date').fill(details.meetingDate);
  await page.getByLabel('Return by').fill(details.returnBy);
  await page.getByLabel('Message to the leads').fill(details.message);
  await page.getByRole('button', { name: /^Write workbooks and email drafts/ }).click();
  await page.getByText(/^Written \d+ files/).waitFor();
  const folder = join(dirname(app.dataFile), 'board-papers');
  const written = (await readdir(folder)).sort();
  const call = (await planOnDisk(app.dataFile)).dataCalls.at(-1)!;
  return {
    call,
    folder,
    workbooks: written.filter((name) => name.endsWith('.xlsx')),
    drafts: written.filter((name) => name.endsWith('.eml')),
  };
}

/** What a lead changes on the first action of their workbook. */
export interface LeadEdit {
  achievement?: string;
  /** A status as the workbook's list offers it, e.g. "Complete". */
  status?: string;
}

/**
 * What a lead does in Excel: changes the first action of their "My actions" sheet and saves the workbook
 * as `target`. Returns the action's number and the status the workbook had before.
 */
export async function leadEdits(
  source: string,
  target: string,
  edit: LeadEdit,
): Promise<{ number: string; statusBefore: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(source)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.getWorksheet('My actions')!;
  const headers = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
  const cell = (header: string) => sheet.getRow(2).getCell(headers.indexOf(header));
  const statusBefore = String(cell('Status').value);
  if (edit.achievement !== undefined) cell('Achievement to date').value = edit.achievement;
  if (edit.status !== undefined) cell('Status').value = edit.status;
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, Buffer.from(await workbook.xlsx.writeBuffer()));
  return { number: String(cell('Action No.').value), statusBefore };
}

/** Chooses returned workbooks in the Data call view and waits for one preview card each. */
export async function importReturns(page: Page, files: string[]): Promise<void> {
  await page.getByLabel('Import returns… (several .xlsx files)').setInputFiles(files);
  await expect.poll(() => page.getByRole('article').count(), { timeout: 60_000 }).toBe(files.length);
}

/** Applies each lead's previewed return and waits until the app says the changes are logged under them. */
export async function applyReturns(page: Page, leads: { name: string; fileName: string }[]): Promise<void> {
  for (const lead of leads) {
    const card = page.getByRole('article', { name: `Return ${lead.fileName}` });
    await card.getByRole('button', { name: `Apply ${lead.name}’s return` }).click();
    await card.getByText(`Each change is in the update log under ${lead.name}`).waitFor();
  }
}
