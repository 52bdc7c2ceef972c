import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { attentionReasons } from '../../shared/domain/beforeBoard';
import type { PlanDocument } from '../../shared/model/plan';
import { e2eSkipReason, launchApp, sharedBrowser, planOnDisk, expectNoAxeViolations, TESTER } from './support';

const unavailable = e2eSkipReason();

const clock = () => new Date('2026-11-24T10:00:00Z');
const TODAY = '2026-11-24';

function needingUpdate(doc: PlanDocument): number {
  return doc.actions.filter((action) => attentionReasons(action, doc, TODAY).length > 0).length;
}

const tabLabel = (page: Page) => page.getByRole('button', { name: /^Before the board/ }).textContent();

describe.skipIf(unavailable !== null)('Before the board in real Chromium', () => {
  const browser = sharedBrowser();

  it('completes an overdue next step from the quick update and the count drops', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      const before = await planOnDisk(app.dataFile);
      const count = needingUpdate(before);
      // 12 overdue or due before the board, and 2 more not updated since the demo's September paper.
      expect(count).toBe(14);
      await expect.poll(() => tabLabel(page)).toBe(`Before the board (${count})`);
      await page.getByRole('button', { name: /^Before the board/ }).click();

      // Action 13 (led by Gareth Whitlow and Daniel Osei) is only overdue because of its October step.
      const card = page.locator('article[data-action-id="a-13"]').first();
      await card.getByText('Overdue', { exact: true }).first().waitFor();
      const step = before.actions.find((action) => action.id === 'a-13')!.nextSteps[0]!;
      expect(step.timescale.due).toBe('2026-10-31');
      await card.getByRole('checkbox', { name: step.text }).check();
      // The same step shown under the other lead is ticked too.
      await expect
        .poll(() =>
          page.locator('article[data-action-id="a-13"]').nth(1).getByRole('checkbox', { name: step.text }).isChecked(),
        )
        .toBe(true);
      await card.getByRole('button', { name: 'Save action 13' }).click();

      await expect.poll(() => tabLabel(page)).toBe(`Before the board (${count - 1})`);
      await expect.poll(() => page.locator('article[data-action-id="a-13"]').count()).toBe(0);
      await page.getByText('Saved action 13.').waitFor();

      const after = await planOnDisk(app.dataFile);
      const saved = after.actions.find((action) => action.id === 'a-13')!;
      expect(saved.nextSteps.map((candidate) => candidate.done)).toEqual([true, false]);
      expect(saved.status).toBe('off_track');
      expect(needingUpdate(after)).toBe(count - 1);
      expect(after.updateLog.at(-1)).toMatchObject({ actionId: 'a-13', field: 'nextSteps', by: TESTER.name });
    } finally {
      await app.close();
    }
  });

  it('marks ticked steps of several actions done at once', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      await page.getByRole('button', { name: /^Before the board/ }).click();
      const doc = await planOnDisk(app.dataFile);
      const late = (id: string) =>
        doc.actions.find((action) => action.id === id)!.nextSteps.find((step) => step.timescale.due === '2026-10-31')!;
      const steps = [
        { actionId: 'a-02', step: late('a-02') },
        { actionId: 'a-17', step: late('a-17') },
      ];
      for (const { actionId, step } of steps) {
        await page
          .locator(`article[data-action-id="${actionId}"]`)
          .first()
          .getByRole('checkbox', { name: step.text })
          .check();
      }
      await page.getByText('2 next steps ticked (not saved yet)').waitFor();
      await expectNoAxeViolations(page, '"Before the board" with two steps ticked');
      await page.getByRole('button', { name: 'Mark selected steps done' }).click();
      await page.getByText('Marked 2 next steps done.').waitFor();
      const after = await planOnDisk(app.dataFile);
      expect(needingUpdate(after)).toBe(needingUpdate(doc) - 2);
      await expect.poll(() => tabLabel(page)).toBe(`Before the board (${needingUpdate(after)})`);

      for (const { actionId, step } of steps) {
        expect(
          after.actions
            .find((action) => action.id === actionId)!
            .nextSteps.find((candidate) => candidate.id === step.id)!.done,
        ).toBe(true);
      }
    } finally {
      await app.close();
    }
  });

  it('adds a next step with its date read live from the timescale, and checks the form before saving', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      await page.getByRole('button', { name: /^Before the board/ }).click();
      const card = page.locator('article[data-action-id="a-16"]').first();
      await card.getByLabel('Timescale').fill('End of Feb 27');
      await card.getByText('Due 28 Feb 2027').waitFor();
      await card.getByRole('button', { name: 'Save action 16' }).click();
      await card.getByText('Must not be empty').waitFor();
      await expectNoAxeViolations(page, '"Before the board" with a quick update missing its next step');

      await card.getByLabel('Add a next step').fill("Audit twenty CAFs for the child's voice");
      await card.getByLabel('Achievement to date').fill('Audit tool agreed with school leads.');
      await card.getByRole('button', { name: 'Save action 16' }).click();
      await page.getByText('Saved action 16.').waitFor();

      const saved = (await planOnDisk(app.dataFile)).actions.find((action) => action.id === 'a-16')!;
      expect(saved.achievement).toBe('Audit tool agreed with school leads.');
      expect(saved.nextSteps.at(-1)).toMatchObject({
        text: "Audit twenty CAFs for the child's voice",
        leads: [{ name: 'Kirsty Hallam', personId: 'p-kirsty-hallam' }],
        timescale: { text: 'End of Feb 27', due: '2027-02-28' },
        done: false,
      });
    } finally {
      await app.close();
    }
  });
});
