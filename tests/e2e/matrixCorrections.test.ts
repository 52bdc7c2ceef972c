import { describe, expect, it } from 'vitest';
import { currentLevels } from '../../shared/domain/derived';
import { e2eSkipReason, expectNoAxeViolations, launchApp, sharedBrowser, planOnDisk, TESTER } from './support';

const unavailable = e2eSkipReason();

const clock = () => new Date('2026-11-24T10:00:00Z');

describe.skipIf(unavailable !== null)('corrections and descriptors in the maturity matrix, in real Chromium', () => {
  const browser = sharedBrowser();

  it('corrects an assessment with a reason, shows the text history, and undoes the correction', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Maturity matrix' }).click();
      const row = page.locator('tr[data-area-id="workforce-development"]');
      await row.getByLabel('Current level: 2 Early progress').waitFor();

      const history = page.locator('details.assessment-history', {
        hasText: 'Assessment history of Workforce development',
      });
      // A closed history draws none of its entries: years of them slowed the opening of the view.
      expect(await history.locator('li').count()).toBe(0);
      await history.locator('summary').click();
      await page
        .getByRole('button', { name: 'Correct the assessment of 17 Sep 2026 for Workforce development' })
        .click();
      const form = page.getByRole('form', { name: 'Correct the assessment of 17 Sep 2026 for Workforce development' });
      await form.getByLabel('Level').selectOption('1');
      await form.getByRole('button', { name: 'Save correction' }).click();
      await form.getByText('Must not be empty').waitFor();
      expect(await form.getByLabel('Reason for the correction').getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(page, 'correct-an-assessment form with a field in error, history open');

      await form.getByLabel('Reason for the correction').fill('The September minutes recorded level 1');
      await form.getByRole('button', { name: 'Save correction' }).click();
      await row.getByLabel('Current level: 1 Basic level').waitFor();

      const entries = history.locator('li');
      expect(await entries.count()).toBe(3);
      const texts = await entries.allInnerTexts();
      expect(texts[0]).toContain('17 Sep 2026 · Level 1 – Basic level · assessed by Marcus Adeyemi · a correction');
      expect(texts[1]).toContain('17 Sep 2026 · Level 2 – Early progress · assessed by Marcus Adeyemi');
      expect(texts[1]).toContain('Corrected 24 Nov 2026');
      expect(texts[1]).toContain(`by ${TESTER.name}. Reason: The September minutes recorded level 1`);
      expect(texts[1]).toContain('Training plan in development');
      expect(texts[2]).toContain('12 Mar 2026 · Level 2 – Early progress');
      expect(
        await entries
          .nth(1)
          .getByRole('button', { name: /^Correct/ })
          .count(),
      ).toBe(0);

      const corrected = await planOnDisk(app.dataFile);
      expect(currentLevels(corrected)['workforce-development']).toMatchObject({
        level: 1,
        corrects: 'as-workforce-development-2026-09',
      });

      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      await page.getByText('Undone: a change to assessments.').waitFor();
      await row.getByLabel('Current level: 2 Early progress').waitFor();
      expect(await entries.count()).toBe(2);
      const undone = await planOnDisk(app.dataFile);
      expect(undone.assessments.every((assessment) => assessment.supersededBy === undefined)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('withdraws an assessment with a reason, and edits what a level looks like for an area', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Maturity matrix' }).click();
      const row = page.locator('tr[data-area-id="workforce-development"]');
      const history = page.locator('details.assessment-history', {
        hasText: 'Assessment history of Workforce development',
      });
      await history.locator('summary').click();
      await page
        .getByRole('button', { name: 'Withdraw the assessment of 17 Sep 2026 for Workforce development' })
        .click();
      const form = page.getByRole('form', { name: 'Withdraw the assessment of 17 Sep 2026 for Workforce development' });
      await form.getByLabel('Reason for the withdrawal').fill('Recorded before the board met');
      await form.getByRole('button', { name: 'Withdraw assessment' }).click();
      await history
        .getByText(new RegExp(`Withdrawn 24 Nov 2026 .* by ${TESTER.name}\\. Reason: Recorded before the board met`))
        .waitFor();
      await expectNoAxeViolations(page, 'assessment history with a withdrawn assessment');
      // The level is still 2, now from the March assessment.
      await row.getByText('12 Mar 2026 · Early Help Strategic Partnership Board').waitFor();

      await page.getByRole('button', { name: 'Describe levels for Workforce development' }).click();
      const levels = page.getByRole('form', { name: 'What each level looks like for Workforce development' });
      await levels
        .getByLabel('Level 3 – Substantial progress')
        .fill('Every partner trains its staff to one shared model');
      await levels.getByRole('button', { name: 'Save descriptors' }).click();
      await row.getByText('Every partner trains its staff to one shared model').waitFor();
      const saved = await planOnDisk(app.dataFile);
      expect(saved.matrix.areas.find((area) => area.id === 'workforce-development')!.descriptors[2]).toBe(
        'Every partner trains its staff to one shared model',
      );
      expect(
        saved.assessments.find((assessment) => assessment.id === 'as-workforce-development-2026-09')!.withdrawn,
      ).toMatchObject({
        by: TESTER.name,
        reason: 'Recorded before the board met',
      });
    } finally {
      await app.close();
    }
  });

  it("links an action to the matrix level it aims for, shown with that cell's descriptor and in the table", async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      const doc = await planOnDisk(app.dataFile);
      const action = doc.actions.find((candidate) => candidate.areaId === 'governance')!;
      await page.getByRole('button', { name: `Edit action ${action.number}`, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Aims to bring the area to').selectOption('3');
      const descriptor = doc.matrix.areas.find((area) => area.id === 'governance')!.descriptors[2];
      expect(await dialog.getByLabel('Aims to bring the area to').getAttribute('aria-describedby')).toBeTruthy();
      await dialog.getByText(descriptor).waitFor();
      await dialog.getByRole('button', { name: 'Save action' }).click();
      await dialog.waitFor({ state: 'detached' });
      const cell = page.locator(`tr[data-action-id="${action.id}"] td.col-level`);
      expect(await cell.innerText()).toContain('→ 3');
      expect(await cell.locator('.visually-hidden').innerText()).toBe(', aims for level 3');
      expect(
        (await planOnDisk(app.dataFile)).actions.find((candidate) => candidate.id === action.id)!.targetLevel,
      ).toBe(3);
    } finally {
      await app.close();
    }
  });
});
