import { describe, expect, it } from 'vitest';
import { e2eSkipReason, launchApp, sharedBrowser } from './support';

const unavailable = e2eSkipReason();
const clock = () => new Date('2026-11-24T10:00:00Z');

describe.skipIf(unavailable !== null)("the plan's first screen, drawn into the page, in real Chromium", () => {
  const browser = sharedBrowser();

  it("shows the first rows before the page's code runs, inert, and the page's own rows take their place", async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      await page.locator('.app[data-history="loaded"]').waitFor();
      const firstId = await page.locator('tr[data-action-id]').first().getAttribute('data-action-id');
      // The app's first chunk is held back: whatever shows meanwhile was drawn before the page's code ran.
      const gate = { open: (): void => undefined };
      const held = new Promise<void>((resolve) => (gate.open = resolve));
      await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      const reload = page.reload();
      const drawn = page.locator('#first-screen tr[data-action-id]');
      await drawn.first().waitFor({ timeout: 15_000 });
      expect(await drawn.first().getAttribute('data-action-id')).toBe(firstId);
      await expect
        .poll(() => page.locator('#first-screen').evaluate((screen) => (screen as HTMLElement).inert))
        .toBe(true);
      expect(await page.locator('#root tr[data-action-id]').count()).toBe(0);

      gate.open();
      await reload;
      await page.locator('#root tr[data-action-id]').first().waitFor();
      expect(await page.locator('#first-screen').count()).toBe(0);
      expect(await page.locator('tr[data-action-id]').first().getAttribute('data-action-id')).toBe(firstId);
    } finally {
      await app.close();
    }
  });
});
