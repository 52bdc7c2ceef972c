import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eSkipReason, launchApp, planOnDisk, sharedBrowser } from './support';

const unavailable = e2eSkipReason();

describe.skipIf(unavailable !== null)('two windows editing one plan through the browser harness', () => {
  const browser = sharedBrowser();

  it('applies an edit to another field over a change made elsewhere, and refuses one to the same field', async () => {
    const app = await launchApp(browser());
    const second = await browser().newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    try {
      const one = app.page;
      const two = await second.newPage();
      await two.goto(app.harness.url);
      const target = (await planOnDisk(app.dataFile)).actions.find(
        (action) => !['complete', 'at_risk', 'off_track'].includes(action.status),
      )!;
      const statusIn = (page: Page) => page.getByLabel(`Status of action ${target.number}`, { exact: true });
      await expect.poll(() => statusIn(two).inputValue()).toBe(target.status);

      await statusIn(one).selectOption('complete');
      await one.getByText(/^Saved /).waitFor();

      // The second window still shows the old status; it changes the lead only.
      await two.getByRole('button', { name: `Edit action ${target.number}`, exact: true }).click();
      const editor = two.getByRole('dialog');
      await editor.getByRole('combobox', { name: 'Lead(s) separate names with ;' }).fill('Jo Bloggs');
      await editor.getByRole('button', { name: 'Save action' }).click();
      await editor.waitFor({ state: 'detached' });
      const saved = (await planOnDisk(app.dataFile)).actions.find((action) => action.id === target.id)!;
      expect(saved.leads.map((lead) => lead.name)).toEqual(['Jo Bloggs']);
      expect(saved.status).toBe('complete');
      // The record it saved comes back whole, so the second window now shows the first one's status too.
      await expect.poll(() => statusIn(two).inputValue()).toBe('complete');

      await statusIn(one).selectOption('at_risk');
      await expect.poll(async () => (await planOnDisk(app.dataFile)).updateLog.at(-1)?.new).toBe('"at_risk"');
      const before = await planOnDisk(app.dataFile);
      await statusIn(two).selectOption('off_track');
      const notice = two.getByRole('alert', { name: 'Changed in another window' });
      await notice.waitFor();
      expect(await notice.innerText()).toContain(`Status of action ${target.number}: now At risk; yours Off track`);
      expect(await planOnDisk(app.dataFile)).toEqual(before);

      await notice.getByRole('button', { name: 'Keep mine' }).click();
      await notice.waitFor({ state: 'detached' });
      await expect
        .poll(async () => (await planOnDisk(app.dataFile)).actions.find((action) => action.id === target.id)!.status)
        .toBe('off_track');
    } finally {
      await second.close();
      await app.close();
    }
  });
});
