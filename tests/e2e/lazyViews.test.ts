import { describe, expect, it } from 'vitest';
import { e2eSkipReason, launchApp, sharedBrowser } from './support';

const unavailable = e2eSkipReason();
const clock = () => new Date('2026-11-24T10:00:00Z');

describe.skipIf(unavailable !== null)('views whose code comes after the first rows, in real Chromium', () => {
  const browser = sharedBrowser();

  it('keeps what was typed into a view opened before its code had arrived when the page draws again', async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      // Holds the Data call view's code back until the view has been opened, as on a slow start.
      const gate = { open: (): void => undefined };
      const held = new Promise<void>((resolve) => (gate.open = resolve));
      await page.route(/\/DataCallView-[^/]*\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.reload();
      await page.locator('.app[data-history="loaded"]:not([inert])').waitFor();
      await page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: 'Data call', exact: true })
        .click();
      await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
      gate.open();

      const message = page.getByLabel('Message to the leads');
      await message.fill('Please send your updates by the eighth.');
      // Anything that draws the page again, here choosing who is editing.
      await page.getByLabel('Editing as').selectOption({ index: 2 });
      await page.waitForTimeout(200);
      expect(await message.inputValue()).toBe('Please send your updates by the eighth.');
    } finally {
      await app.close();
    }
  });
});
