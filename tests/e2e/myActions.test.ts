import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { actionsLedBy } from '../../shared/domain/beforeBoard';
import { e2eSkipReason, launchApp, sharedBrowser, planOnDisk, expectNoAxeViolations, TESTER } from './support';

const unavailable = e2eSkipReason();

const clock = () => new Date('2026-11-24T10:00:00Z');
const TODAY = '2026-11-24';

/** The action ids of the rows "My actions" shows, top to bottom. */
function shownActionIds(page: Page): Promise<string[]> {
  return page
    .locator('table.my-table tbody tr')
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.actionId ?? ''));
}

describe.skipIf(unavailable !== null)('My actions in real Chromium', () => {
  const browser = sharedBrowser();

  it("shows only the chosen person's actions, overdue first, and remembers the choice", async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      const doc = await planOnDisk(app.dataFile);
      await page.getByRole('button', { name: /^My actions/ }).click();
      // Until another person is chosen the list is that of the person at the computer.
      await page.getByRole('heading', { name: `Actions led by ${TESTER.name}` }).waitFor();

      for (const person of ['Gareth Whitlow', 'Helen Okafor', 'Imran Siddiqui']) {
        const expected = actionsLedBy(doc, person, TODAY);
        await page.getByLabel('Person').selectOption(person);
        await page.getByRole('heading', { name: `Actions led by ${person}` }).waitFor();
        await expect.poll(() => shownActionIds(page)).toEqual(expected.map((item) => item.action.id));
        const overdue = expected.filter((item) => item.overdue).length;
        expect(await page.getByRole('button', { name: /^My actions/ }).textContent()).toBe(
          `My actions (${expected.length})`,
        );
        expect(await page.locator('.count-badge').textContent()).toBe(
          `${expected.length} actions${overdue > 0 ? ` · ${overdue} overdue` : ''}`,
        );
        // Overdue rows come first and carry the flag.
        const flags = await page
          .locator('table.my-table tbody tr td.col-due')
          .evaluateAll((cells) => cells.map((cell) => cell.textContent?.includes('Overdue') ?? false));
        expect(flags).toEqual(expected.map((item) => item.overdue));
      }
      // Sanity: the people really differ, so the comparison above could fail.
      expect(actionsLedBy(doc, 'Gareth Whitlow', TODAY).map((item) => item.action.number)).toEqual([
        '13',
        '14',
        '9',
        '1',
        '15',
        '3',
      ]);

      const preferencesFile = join(dirname(app.dataFile), 'preferences.json');
      await expect
        .poll(async () => JSON.parse(await readFile(preferencesFile, 'utf8').catch(() => '{}')).myName)
        .toBe('Imran Siddiqui');

      await page.reload();
      await page.getByRole('button', { name: 'My actions (4)' }).click();
      await expect.poll(() => page.getByLabel('Person').inputValue()).toBe('Imran Siddiqui');
      await expect
        .poll(() => shownActionIds(page))
        .toEqual(actionsLedBy(doc, 'Imran Siddiqui', TODAY).map((item) => item.action.id));
    } finally {
      await app.close();
    }
  });

  it('marks an action reviewed and sends another back with a comment', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      await page.getByRole('button', { name: /^My actions/ }).click();
      await page.getByLabel('Person').selectOption('Gareth Whitlow');
      const row13 = page.locator('tr[data-action-id="a-13"]');
      await row13.getByText('1 update to review').waitFor();

      await page.getByRole('button', { name: 'Mark reviewed: action 13' }).click();
      await row13.getByText('No updates to review').waitFor();
      await row13.getByText(new RegExp(`^Reviewed 24 Nov 2026 at \\d\\d:\\d\\d by ${TESTER.name}`)).waitFor();

      await page.getByRole('button', { name: 'Send back action 14' }).click();
      const row14 = page.locator('tr[data-action-id="a-14"]');
      await row14.getByRole('button', { name: 'Send back', exact: true }).click();
      await row14.getByText('Must say what needs changing when an update is sent back').waitFor();
      await expectNoAxeViolations(page, '"My actions" sending an update back without a comment');
      await row14.getByLabel('What needs changing?').fill('Say how many families the radar charts covered.');
      await row14.getByRole('button', { name: 'Send back', exact: true }).click();
      await row14
        .getByText(
          new RegExp(`Sent back 24 Nov 2026 .* by ${TESTER.name}: “Say how many families the radar charts covered\\.”`),
        )
        .waitFor();

      const saved = await planOnDisk(app.dataFile);
      expect(
        saved.reviews.map(({ actionId, outcome, comment, by, at }) => ({ actionId, outcome, comment, by, at })),
      ).toEqual([
        { actionId: 'a-13', outcome: 'reviewed', comment: '', by: TESTER.name, at: '2026-11-24T10:00:00.000Z' },
        {
          actionId: 'a-14',
          outcome: 'sent_back',
          comment: 'Say how many families the radar charts covered.',
          by: TESTER.name,
          at: '2026-11-24T10:00:00.000Z',
        },
      ]);
    } finally {
      await app.close();
    }
  });
});
