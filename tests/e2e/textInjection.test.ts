import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoDocument } from '../../electron/core/demoPlan';
import { encodePlanFile } from '../../electron/core/planFileCodec';
import { writePlanWorkbook } from '../../electron/core/export/planWorkbook';
import ExcelJS from '../../electron/core/export/planWorkbookExcel';
import { planDocumentSchema } from '../../shared/model/plan';
import type { PlanDocument } from '../../shared/model/plan';
import { e2eSkipReason, launchApp, sharedBrowser, expectNoAxeViolations } from './support';

const unavailable = e2eSkipReason();

const clock = () => new Date('2026-11-24T10:00:00Z');
const TODAY = '2026-11-24';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';

const TEXT = {
  description: `Description ${IMG} ${SCRIPT}`,
  achievement: `Achievement ${IMG} ${SCRIPT}`,
  step: `Next step ${IMG} ${SCRIPT}`,
  lead: `Lead ${IMG}`,
  stepLead: `Step lead ${SCRIPT}`,
  imported: `Imported ${IMG} ${SCRIPT}`,
  importedStep: `Imported step ${SCRIPT} ${IMG}`,
};

/** The demo plan with markup in its first action's text fields, one step and the leads. */
function hostilePlan(): PlanDocument {
  const doc = demoDocument();
  const action = doc.actions[0]!;
  action.description = TEXT.description;
  action.achievement = TEXT.achievement;
  action.leads = [{ name: TEXT.lead }];
  action.nextSteps[0] = { ...action.nextSteps[0]!, text: TEXT.step, leads: [{ name: TEXT.stepLead }], done: false };
  return planDocumentSchema.parse(doc);
}

/** No markup from the plan got into the DOM as elements, and nothing it carried ran. */
async function expectNoInjection(page: Page, where: string): Promise<void> {
  // Give an injected <img onerror> time to fire before looking.
  await page.waitForTimeout(150);
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    imgX: document.querySelectorAll('img[src="x"]').length,
    withOnerror: document.querySelectorAll('[onerror]').length,
    scripts: [...document.scripts].filter((script) => (script.textContent ?? '').includes('__pwned')).length,
  }));
  expect(found, where).toEqual({ pwned: undefined, imgX: 0, withOnerror: 0, scripts: 0 });
}

/** The text is on the page as text (Playwright matches rendered text content, never markup). */
async function expectShownLiterally(page: Page, text: string, options: { exact?: boolean } = {}): Promise<void> {
  // (The lead filter's <option> holds the text too, but is hidden: only a visible match counts.)
  await page
    .getByText(text, { exact: options.exact ?? true })
    .filter({ visible: true })
    .first()
    .waitFor({ state: 'visible' });
}

describe.skipIf(unavailable !== null)('text that looks like markup, in real Chromium', () => {
  const browser = sharedBrowser();

  it('is shown literally in every view and never becomes elements or runs', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apt-e2e-inject-'));
    const dataFile = join(dir, 'action-plan.json');
    const doc = hostilePlan();
    await writeFile(dataFile, encodePlanFile(doc));
    const app = await launchApp(browser(), { dataFile, clock });
    try {
      const { page } = app;
      // Fail at the step that went wrong, inside the test's own time limit.
      page.setDefaultTimeout(8_000);
      await page.getByRole('table').first().waitFor();

      await expectShownLiterally(page, TEXT.description);
      await expectShownLiterally(page, TEXT.achievement);
      await expectShownLiterally(page, TEXT.step);
      await expectShownLiterally(page, TEXT.lead);
      await expectShownLiterally(page, TEXT.stepLead, { exact: false });
      const achievementCell = page.locator(`tr[data-action-id="${doc.actions[0]!.id}"] td.col-achievement`);
      expect(await achievementCell.textContent()).toBe(TEXT.achievement);
      expect(await achievementCell.innerHTML()).toContain('&lt;img src=x onerror="window.__pwned=1"&gt;');
      await expectNoInjection(page, 'action plan');
      await expectNoAxeViolations(page, 'the action plan with markup-like text');

      // The editor shows the same text in its fields.
      await page.getByRole('button', { name: `Edit action ${doc.actions[0]!.number}`, exact: true }).click();
      const editor = page.getByRole('dialog', { name: `Action ${doc.actions[0]!.number}` });
      await editor.waitFor();
      await expect
        .poll(() =>
          editor
            .locator('textarea')
            .evaluateAll((fields) => fields.map((field) => (field as HTMLTextAreaElement).value)),
        )
        .toEqual(expect.arrayContaining([TEXT.description, TEXT.achievement]));
      await expectNoInjection(page, 'action editor');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

      // The search palette lists the action by its text.
      await page.keyboard.press('Control+k');
      const finder = page.getByRole('dialog', { name: 'Find an action' });
      await finder.waitFor();
      await page.keyboard.type('onerror');
      await expect.poll(() => finder.getByRole('option').count()).toBeGreaterThan(0);
      await expectShownLiterally(page, TEXT.description, { exact: false });
      await expectNoInjection(page, 'search palette');
      await page.keyboard.press('Escape');

      // Every other view that shows actions, steps or leads.
      const views = [
        'Before the board',
        'My actions',
        'Maturity matrix',
        'Measures',
        'Board paper',
        'Import from Excel',
        'Plan & people',
        'Action plan',
      ];
      for (const view of views) {
        await page.getByRole('button', { name: new RegExp(`^${view}`) }).click();
        await expectNoInjection(page, view);
      }
      // "Before the board" groups by lead: the lead's name is a heading or label there.
      await page.getByRole('button', { name: /^Before the board/ }).click();
      await expectNoInjection(page, 'Before the board (again)');
    } finally {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('imported from an Excel workbook, is previewed and then shown literally, and nothing runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apt-e2e-inject-xlsx-'));
    const dataFile = join(dir, 'action-plan.json');
    const doc = planDocumentSchema.parse(demoDocument());
    await writeFile(dataFile, encodePlanFile(doc));
    const target = doc.actions[1]!;

    // A lead's workbook: markup typed into Achievement to date, and a new next step carrying some too.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await writePlanWorkbook(doc, TODAY)) as unknown as Parameters<typeof workbook.xlsx.load>[0],
    );
    const plan = workbook.getWorksheet('Action plan')!;
    const headers = plan.getRow(1).values as unknown[];
    let row = 0;
    for (let index = 2; index <= plan.rowCount; index += 1)
      if (plan.getCell(index, headers.indexOf('Action No.')).value === target.number) row = index;
    expect(row).toBeGreaterThan(1);
    plan.getCell(row, headers.indexOf('Achievement to date')).value = TEXT.imported;
    workbook.getWorksheet('Next steps')!.addRow([target.number, null, TEXT.importedStep, '', '', 'No']);
    const xlsx = join(dir, 'lead-update.xlsx');
    await writeFile(xlsx, Buffer.from(await workbook.xlsx.writeBuffer()));

    const app = await launchApp(browser(), { dataFile, clock });
    try {
      const { page } = app;
      // Fail at the step that went wrong, inside the test's own time limit.
      page.setDefaultTimeout(8_000);
      await page.getByRole('table').first().waitFor();
      await page.getByRole('button', { name: 'Import from Excel' }).click();
      await page.locator('input[type="file"]').setInputFiles(xlsx);

      const changes = page.getByRole('table', { name: 'Changes' });
      await changes.waitFor();
      await expectShownLiterally(page, TEXT.imported);
      await expectShownLiterally(page, TEXT.importedStep);
      await expectNoInjection(page, 'import preview');
      await expectNoAxeViolations(page, 'the import preview of markup-like text');

      await page.getByRole('button', { name: 'Import 2 changes' }).click();
      await page.getByText(/^Imported 2 changes from lead-update\.xlsx/).waitFor();
      await expectNoInjection(page, 'after import');

      await page.getByRole('button', { name: 'Action plan' }).click();
      const achievementCell = page.locator(`tr[data-action-id="${target.id}"] td.col-achievement`);
      await expect.poll(() => achievementCell.textContent()).toBe(TEXT.imported);
      await expectShownLiterally(page, TEXT.imported);
      await expectShownLiterally(page, TEXT.importedStep);
      await expectNoInjection(page, 'action plan after import');

      const saved = planDocumentSchema.parse(JSON.parse(await readFile(app.dataFile, 'utf8')));
      const after = saved.actions.find((action) => action.id === target.id)!;
      expect(after.achievement).toBe(TEXT.imported);
      expect(after.nextSteps.at(-1)!.text).toBe(TEXT.importedStep);
    } finally {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
