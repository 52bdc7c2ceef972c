import { describe, expect, it } from 'vitest';
import { e2eSkipReason, launchApp, sharedBrowser } from './support';

const unavailable = e2eSkipReason();
const clock = () => new Date('2026-11-24T10:00:00Z');

describe.skipIf(unavailable !== null)('the first read of the plan, in real Chromium', () => {
  const browser = sharedBrowser();

  it("asks for the plan before the page's own code has arrived, and asks once", async () => {
    const app = await launchApp(browser(), { clock });
    try {
      const { page } = app;
      await page.locator('.app[data-history="loaded"]').waitFor();
      // The page's calls, not the handler's: the shell also reads the plan to draw the first screen.
      let reads = 0;
      page.on('request', (request) => {
        if (request.url().endsWith('/api/getWorkingState')) reads += 1;
      });
      // The app's first chunk is held back until the plan has been asked for: a page that waits for its own
      // code before asking never asks, and the wait below runs out.
      const gate = { open: (): void => undefined };
      const held = new Promise<void>((resolve) => (gate.open = resolve));
      await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      const asked = page.waitForRequest(/\/api\/getWorkingState$/, { timeout: 15_000 });
      const reload = page.reload();
      await asked;
      gate.open();
      await reload;
      await page.locator('tr[data-action-id]').first().waitFor();
      await page.locator('.app[data-history="loaded"]').waitFor();
      expect(reads).toBe(1);
    } finally {
      await app.close();
    }
  });
});
