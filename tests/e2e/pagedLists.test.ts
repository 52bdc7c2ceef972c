import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePlanFile } from '../../electron/core/planFileCodec';
import { actionsBeforeBoard, actionsLedBy } from '../../shared/domain/beforeBoard';
import { generateHistoryPlan, generatePlan, HISTORY_END } from '../support/generatePlan';
import { e2eSkipReason, launchApp, sharedBrowser, expectNoAxeViolations } from './support';

const unavailable = e2eSkipReason();

const TODAY = HISTORY_END.slice(0, 10);
const clock = () => new Date(HISTORY_END);
const doc = generateHistoryPlan({
  actions: 1200,
  years: 2,
  logEntries: 6000,
  papers: 8,
  assessments: 40,
  measures: 5,
  valuesPerMeasure: 12,
  reviews: 300,
});

async function openPlan(browser: Parameters<typeof launchApp>[0], myName?: string, plan = doc) {
  const dir = await mkdtemp(join(tmpdir(), 'apt-e2e-paged-'));
  const dataFile = join(dir, 'action-plan.json');
  await writeFile(dataFile, encodePlanFile(plan));
  if (myName) await writeFile(join(dir, 'preferences.json'), JSON.stringify({ myName }));
  const app = await launchApp(browser, { dataFile, clock });
  await app.page.locator('tr[data-action-id]').first().waitFor({ timeout: 30_000 });
  return app;
}

describe.skipIf(unavailable !== null)('long lists drawn a page at a time, in real Chromium', () => {
  const browser = sharedBrowser();

  it(
    'shows "Before the board" one lead at a time, 20 forms at a time, for a plan with hundreds to update',
    { timeout: 120_000 },
    async () => {
      const groups = actionsBeforeBoard(doc, TODAY);
      const [first, second] = groups;
      expect(first!.items.length).toBeGreaterThan(40);
      const app = await openPlan(browser());
      try {
        const { page } = app;
        await page.getByRole('button', { name: /^Before the board/ }).click();
        const forms = page.locator('article.bb-item');
        await expect.poll(() => forms.count()).toBe(20);
        expect(await page.locator('section.lead-group h3').allTextContents()).toEqual([
          `${first!.lead} (${first!.items.length})`,
        ]);
        expect(await forms.evaluateAll((items) => items.map((item) => item.getAttribute('data-action-id')))).toEqual(
          first!.items.slice(0, 20).map((item) => item.action.id),
        );
        await expectNoAxeViolations(page, '"Before the board" drawn one lead at a time');

        await page
          .getByRole('button', {
            name: `Show 20 more of ${first!.lead}’s actions (${first!.items.length - 20} not shown yet)`,
          })
          .click();
        await expect.poll(() => forms.count()).toBe(40);

        const leads = page.getByRole('navigation', { name: 'Leads' });
        await leads.getByRole('button', { name: `${second!.lead} ${second!.items.length}` }).click();
        await expect
          .poll(() => page.locator('section.lead-group h3').allTextContents())
          .toEqual([`${second!.lead} (${second!.items.length})`]);
        expect(await forms.count()).toBe(Math.min(20, second!.items.length));
        expect(
          await leads
            .getByRole('button', { name: `${second!.lead} ${second!.items.length}` })
            .getAttribute('aria-pressed'),
        ).toBe('true');
      } finally {
        await app.close();
      }
    },
  );

  it('shows "My actions" 50 rows at a time, with the rest a click away', { timeout: 120_000 }, async () => {
    const person = doc.actions[0]!.leads[0]!.name;
    const mine = actionsLedBy(doc, person, TODAY);
    expect(mine.length).toBeGreaterThan(100);
    const app = await openPlan(browser(), person);
    try {
      const { page } = app;
      await page.getByRole('button', { name: /^My actions/ }).click();
      const rows = page.locator('table.my-table tbody tr[data-action-id]');
      await expect.poll(() => rows.count()).toBe(50);
      expect(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-action-id')))).toEqual(
        mine.slice(0, 50).map((item) => item.action.id),
      );
      await page
        .getByRole('button', { name: `Show 50 more of ${person}’s actions (${mine.length - 50} not shown yet)` })
        .click();
      await expect.poll(() => rows.count()).toBe(100);
      await expectNoAxeViolations(page, '"My actions" drawn 50 rows at a time');
    } finally {
      await app.close();
    }
  });

  it(
    'draws a real-sized plan of 150 actions a screenful at a time in the action plan',
    { timeout: 120_000 },
    async () => {
      const app = await openPlan(browser(), undefined, generatePlan(150));
      try {
        const { page } = app;
        const table = page.locator('table.action-plan-table');
        // The first actions come first and the rest just after: the table then counts every row.
        await expect.poll(async () => Number(await table.getAttribute('aria-rowcount'))).toBeGreaterThan(150);
        const drawn = await page.locator('tr[data-action-id]').count();
        expect(drawn).toBeGreaterThan(5);
        expect(drawn).toBeLessThan(60);
      } finally {
        await app.close();
      }
    },
  );
});
