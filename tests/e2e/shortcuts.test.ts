import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { filterActions } from '../../shared/domain/filters';
import { sortActions } from '../../shared/domain/actionOrder';
import { e2eSkipReason, launchApp, sharedBrowser, planOnDisk, expectNoAxeViolations, TESTER } from './support';

const unavailable = e2eSkipReason();

const clock = () => new Date('2026-11-24T10:00:00Z');

async function statusOnDisk(path: string, actionId: string) {
  return (await planOnDisk(path)).actions.find((action) => action.id === actionId)?.status;
}

const finder = (page: Page) => page.getByRole('dialog', { name: 'Find an action' });

describe.skipIf(unavailable !== null)('keyboard shortcuts in real Chromium', () => {
  const browser = sharedBrowser();

  it('Ctrl+K finds an action by number and Enter opens its editor; arrows move, Escape closes', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      await page.getByRole('table').first().waitFor();
      // The rows can show before the page knows who is editing; until then the page is inert and takes no keys.
      await page.locator('.app:not([inert])').waitFor();
      await page.keyboard.press('Control+k');
      await finder(page).waitFor();
      await page.keyboard.type('13');
      // Action 13 comes first even though other actions mention "13" in their text.
      await expect
        .poll(() => finder(page).getByRole('option').first().textContent())
        .toMatch(/^13Performance management systems/);
      expect(await finder(page).getByRole('option').count()).toBeGreaterThan(1);
      await expectNoAxeViolations(page, 'the finder (Ctrl+K) listing matches');
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: 'Action 13' }).waitFor();
      expect(await finder(page).count()).toBe(0);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

      // Arrow down picks the second match, in plan number order.
      const doc = await planOnDisk(app.dataFile);
      const matches = sortActions(filterActions(doc, { text: 'Gareth' }, '2026-11-24'));
      expect(matches.length).toBeGreaterThan(2);
      await page.keyboard.press('Control+k');
      await page.keyboard.type('Gareth');
      await expect.poll(() => finder(page).getByRole('option').count()).toBe(matches.length);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      expect(await finder(page).getByRole('option', { selected: true }).textContent()).toContain(
        matches[1]!.description.slice(0, 40),
      );
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: `Action ${matches[1]!.number}` }).waitFor();
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+k');
      await finder(page).waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => finder(page).count()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('Ctrl+Z after a status change restores the old status on screen and in the file', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      const before = await planOnDisk(app.dataFile);
      const target = before.actions.find((action) => action.number === '3')!;
      expect(target.status).toBe('on_track');
      const select = page.getByLabel(`Status of action ${target.number}`, { exact: true });
      await expect.poll(() => select.inputValue()).toBe('on_track');

      await select.selectOption('at_risk');
      await page.getByText(/^Saved /).waitFor();
      await expect.poll(() => statusOnDisk(app.dataFile, target.id)).toBe('at_risk');

      // In a text field Ctrl+Z belongs to the field, not the plan.
      const search = page.getByRole('searchbox', { name: 'Search' });
      await search.fill('newsletter');
      await search.press('Control+z');
      await page.waitForTimeout(300);
      expect(await statusOnDisk(app.dataFile, target.id)).toBe('at_risk');
      await search.fill('');

      // On the status select, which is not a text field, Ctrl+Z is the plan's undo.
      await select.focus();
      await page.keyboard.press('Control+z');
      await page.getByRole('status').getByText('Undone: action 3 status').waitFor();
      await expect.poll(() => select.inputValue()).toBe('on_track');
      await expect.poll(() => statusOnDisk(app.dataFile, target.id)).toBe('on_track');
      const after = await planOnDisk(app.dataFile);
      expect(after.updateLog.at(-1)).toMatchObject({
        actionId: target.id,
        field: 'status',
        old: '"at_risk"',
        new: '"on_track"',
        by: TESTER.name,
      });

      // With nothing left to undo the header's Undo is disabled and Redo is offered; Ctrl+Z says why.
      await expect.poll(() => page.getByRole('button', { name: 'Undo', exact: true }).isDisabled()).toBe(true);
      await expect.poll(() => page.getByRole('button', { name: 'Redo', exact: true }).isEnabled()).toBe(true);
      await select.focus();
      await page.keyboard.press('Control+z');
      await page.getByRole('alert').getByText('There is nothing to undo.').waitFor();
      await expectNoAxeViolations(page, 'the action plan saying there is nothing to undo');
      expect(await select.inputValue()).toBe('on_track');
    } finally {
      await app.close();
    }
  });

  it('Ctrl+Shift+Z redoes the status change undone with Ctrl+Z', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      const target = (await planOnDisk(app.dataFile)).actions.find((action) => action.number === '3')!;
      const select = page.getByLabel(`Status of action ${target.number}`, { exact: true });
      await expect.poll(() => select.inputValue()).toBe('on_track');
      await select.selectOption('at_risk');
      await page.getByText(/^Saved /).waitFor();
      await page.keyboard.press('Control+z');
      await expect.poll(() => select.inputValue()).toBe('on_track');

      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => select.inputValue(), { timeout: 3000 }).toBe('at_risk');
      await page.getByRole('status').getByText('Redone: action 3 status').waitFor({ timeout: 3000 });
      await expect.poll(() => statusOnDisk(app.dataFile, target.id), { timeout: 3000 }).toBe('at_risk');
    } finally {
      await app.close();
    }
  });
});
