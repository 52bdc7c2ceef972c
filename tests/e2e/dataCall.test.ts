import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from '../../electron/core/export/planWorkbookExcel';
import { e2eSkipReason, expectNoAxeViolations, launchApp, planOnDisk, sharedBrowser } from './support';

const unavailable = e2eSkipReason();
const clock = () => new Date('2026-11-24T10:00:00Z');
const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));

/** What a lead does in Excel: types a new achievement for their first action and saves. */
async function leadEdits(source: string, target: string, achievement: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(source)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.getWorksheet('My actions')!;
  const headers = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
  sheet.getRow(2).getCell(headers.indexOf('Achievement to date')).value = achievement;
  await writeFile(target, Buffer.from(await workbook.xlsx.writeBuffer()));
  return String(sheet.getRow(2).getCell(headers.indexOf('Action No.')).value);
}

describe.skipIf(unavailable !== null)('a data call in real Chromium', () => {
  const browser = sharedBrowser();

  it(
    'starts a data call, imports two returns (one re-saved by LibreOffice) and applies them under the leads’ names',
    { timeout: 240_000 },
    async () => {
      const app = await launchApp(browser(), { clock });
      try {
        const { page } = app;
        await page.getByRole('button', { name: 'Data call', exact: true }).click();
        await page.getByLabel('Meeting date').fill('2027-01-21');
        await page.getByLabel('Return by').fill('2027-01-08');
        await page.getByLabel('Message to the leads').fill('Please update your actions before the January board.');
        await page.getByRole('button', { name: /^Write workbooks and email drafts/ }).click();
        await page.getByText(/^Written \d+ files/).waitFor();
        await page.screenshot({ path: join(dirname(app.dataFile), 'data-call-started.png'), fullPage: true });

        const folder = join(dirname(app.dataFile), 'board-papers');
        const written = (await readdir(folder)).sort();
        const workbooks = written.filter((name) => name.endsWith('.xlsx'));
        expect(written.filter((name) => name.endsWith('.eml'))).toHaveLength(workbooks.length);
        const call = (await planOnDisk(app.dataFile)).dataCalls[0]!;
        expect(call.leads.map((lead) => lead.fileName).sort()).toEqual(workbooks);

        const [first, second] = call.leads;
        const returns = join(dirname(app.dataFile), 'returns');
        await mkdir(returns);
        const firstBack = join(returns, first!.fileName);
        const firstNumber = await leadEdits(join(folder, first!.fileName), firstBack, 'Updated by the first lead');
        let secondBack = join(returns, second!.fileName);
        const secondNumber = await leadEdits(join(folder, second!.fileName), secondBack, 'Updated by the second lead');
        if (soffice) {
          const out = join(returns, 'resaved');
          execFileSync(
            soffice,
            [
              `-env:UserInstallation=file://${join(returns, 'profile')}`,
              '--headless',
              '--convert-to',
              'xlsx',
              '--outdir',
              out,
              secondBack,
            ],
            { timeout: 120_000 },
          );
          secondBack = join(out, second!.fileName);
        }

        await page.getByLabel('Import returns… (several .xlsx files)').setInputFiles([firstBack, secondBack]);
        const cards = page.getByRole('article');
        await expect.poll(() => cards.count(), { timeout: 60_000 }).toBe(2);
        await page.screenshot({ path: join(dirname(app.dataFile), 'data-call-returns.png'), fullPage: true });
        await expectNoAxeViolations(page, 'the returns preview');
        for (const lead of [first!, second!]) {
          const card = page.getByRole('article', { name: `Return ${lead.fileName}` });
          await card.getByRole('button', { name: `Apply ${lead.name}’s return` }).click();
          await card.getByText(`Each change is in the update log under ${lead.name}`).waitFor();
        }

        const saved = await planOnDisk(app.dataFile);
        const achievement = (number: string) => saved.actions.find((action) => action.number === number)!.achievement;
        expect(achievement(firstNumber)).toBe('Updated by the first lead');
        expect(achievement(secondNumber)).toBe('Updated by the second lead');
        const logged = saved.updateLog.filter((entry) => entry.field === 'achievement').map((entry) => entry.by);
        expect(logged).toEqual(expect.arrayContaining([first!.name, second!.name]));
        expect(saved.dataCalls[0]!.leads.filter((lead) => lead.returnedAt !== null).map((lead) => lead.name)).toEqual([
          first!.name,
          second!.name,
        ]);
        await page.getByRole('heading', { name: 'Returned (2)' }).waitFor();
      } finally {
        await app.close();
      }
    },
  );
});
