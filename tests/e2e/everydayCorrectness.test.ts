import { describe, expect, it } from 'vitest';
import { summarisePlan } from '../../shared/domain/derived';
import { suggestActionNumber } from '../../shared/domain/actionOrder';
import { undatedTimescales } from '../../shared/domain/timescale';
import { e2eSkipReason, launchApp, planOnDisk, sharedBrowser, expectNoAxeViolations } from './support';

const unavailable = e2eSkipReason();
const TODAY = new Date('2026-11-30T10:00:00');

describe.skipIf(unavailable !== null)('small things leads and managers trip on, in real Chromium', () => {
  const browser = sharedBrowser();

  it('asks for nothing that is missing: no request of the page fails, the icon included', async () => {
    const app = await launchApp(browser(), { clock: () => TODAY });
    try {
      const failed: string[] = [];
      app.page.on(
        'response',
        (response) => response.status() >= 400 && failed.push(`${response.status()} ${response.url()}`),
      );
      await app.page.reload();
      await app.page.getByRole('button', { name: /^Actions/ }).waitFor();
      expect(failed).toEqual([]);
      expect(await app.page.locator('link[rel="icon"]').count()).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('filters the table to what a summary tile counts when it is clicked', async () => {
    const app = await launchApp(browser(), { clock: () => TODAY });
    try {
      const { page } = app;
      const doc = await planOnDisk(app.dataFile);
      const summary = summarisePlan(doc, '2026-11-30');
      expect(summary.overdue).toBeGreaterThan(0);
      const count = page.locator('.filter-count');

      await page.getByRole('button', { name: `Overdue ${summary.overdue}`, exact: true }).click();
      await expect.poll(() => count.textContent()).toBe(`${summary.overdue} of ${summary.total} actions`);
      expect(await page.getByLabel('Overdue only').isChecked()).toBe(true);

      await page.getByRole('button', { name: `On track ${summary.byStatus.on_track}`, exact: true }).click();
      await expect.poll(() => count.textContent()).toBe(`${summary.byStatus.on_track} of ${summary.total} actions`);

      await page.getByRole('button', { name: `Due before board ${summary.dueBeforeNextBoard}`, exact: true }).click();
      await expect.poll(() => count.textContent()).toBe(`${summary.dueBeforeNextBoard} of ${summary.total} actions`);
      expect(await page.getByLabel('Due before board only').isChecked()).toBe(true);

      await page.getByRole('button', { name: `Actions ${summary.total}`, exact: true }).click();
      await expect.poll(() => count.textContent()).toBe(`${summary.total} actions`);
    } finally {
      await app.close();
    }
  });

  it(
    'suggests the next free number, counts characters while typing and saves with Ctrl+Enter',
    { timeout: 60_000 },
    async () => {
      const app = await launchApp(browser(), { clock: () => TODAY });
      try {
        const { page } = app;
        const doc = await planOnDisk(app.dataFile);
        await page.getByRole('button', { name: 'New action' }).click();
        const dialog = page.getByRole('dialog');
        const expected = suggestActionNumber(doc.actions, doc.matrix.areas[0]!.id);
        expect(await dialog.getByLabel('Action no.').inputValue()).toBe(expected);

        const description = dialog.getByLabel('Description');
        await description.fill('Pilot a single front door for partner referrals');
        expect(await dialog.locator('.text-limit').first().textContent()).toBe('47 of 8,000 characters');
        await expectNoAxeViolations(page, 'the new-action editor counting characters');

        await description.press('Control+Enter');
        await dialog.waitFor({ state: 'detached' });
        await expect
          .poll(
            async () =>
              (await planOnDisk(app.dataFile)).actions.find((action) => action.number === expected)?.description,
          )
          .toBe('Pilot a single front door for partner referrals');
      } finally {
        await app.close();
      }
    },
  );

  it('names every next-step checkbox after its step, and lists timescales that give no date', async () => {
    const app = await launchApp(browser(), { clock: () => TODAY });
    try {
      const { page } = app;
      const doc = await planOnDisk(app.dataFile);
      const action = doc.actions.find((candidate) => candidate.nextSteps.length >= 2)!;
      await page.getByRole('button', { name: `Edit action ${action.number}`, exact: true }).click();
      const dialog = page.getByRole('dialog');
      for (const step of action.nextSteps) {
        expect(await dialog.getByRole('checkbox', { name: `Done: ${step.text}`, exact: true }).isChecked()).toBe(
          step.done,
        );
      }
      await dialog.getByRole('button', { name: 'Close' }).click();

      await page.getByRole('button', { name: 'Plan & people' }).click();
      const undated = undatedTimescales(doc);
      await page.getByRole('heading', { name: `Timescales without a date (${undated.length})` }).waitFor();
      await expectNoAxeViolations(page, '"Plan & people" listing timescales without a date');
      expect(await page.getByLabel('Financial year starts in').inputValue()).toBe('4');
    } finally {
      await app.close();
    }
  });
});
