import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../electron/core/handlers';
import { encodePlanFile } from '../../electron/core/planFileCodec';
import { FIRST_ACTIONS } from '../../shared/domain/firstActions';
import { unreviewedUpdates } from '../../shared/domain/reviews';
import { generatePlan } from '../support/generatePlan';
import { e2eSkipReason, launchApp, planOnDisk, sharedBrowser } from './support';

const unavailable = e2eSkipReason();

const clock = () => new Date('2026-11-24T10:00:00Z');
const LOADING = 'Loading the plan’s history…';
const REST_LOADING = 'Loading the rest of the plan’s actions…';

/**
 * Handlers whose history answer waits until `release` is called. `readFirst`: the history is read when the
 * page asks and only its answer waits (so it misses edits made meanwhile); otherwise it is read on release.
 */
function heldHistory(readFirst: boolean) {
  let release: (() => void) | null = null;
  const released = new Promise<void>((resolve) => (release = resolve));
  const wrap = (handlers: Handlers): Handlers => ({
    ...handlers,
    getPlanHistory: async (input) => {
      if (readFirst) {
        const answer = await handlers.getPlanHistory(input);
        await released;
        return answer;
      }
      await released;
      return handlers.getPlanHistory(input);
    },
  });
  return { wrap, release: () => release?.() };
}

describe.skipIf(unavailable !== null)('The rows first, the history after, in real Chromium', () => {
  const browser = sharedBrowser();

  for (const readFirst of [true, false]) {
    it(`shows rows before the history, says the history is loading, and keeps an edit made meanwhile once (history read ${readFirst ? 'before' : 'after'} the edit)`, async () => {
      const held = heldHistory(readFirst);
      const app = await launchApp(browser(), { clock, wrapHandlers: held.wrap });
      try {
        const { page } = app;
        const row13 = page.locator('tr[data-action-id="a-13"]');
        await row13.waitFor();
        expect(await page.locator('.app').getAttribute('data-history')).toBe('loading');

        await page.getByRole('button', { name: /^My actions/ }).click();
        await page.getByText(LOADING).waitFor();
        expect(await page.getByText(/updates? to review/).count()).toBe(0);
        await page.getByRole('button', { name: /^Board paper/ }).click();
        await page.getByText(LOADING).waitFor();
        expect(await page.locator('form.paper-form').count()).toBe(0);
        await page.getByRole('button', { name: /^Before the board/ }).click();
        await page.getByText(LOADING).waitFor();
        await page.getByRole('button', { name: /^Measures/ }).click();
        await page.getByText(LOADING).waitFor();
        expect(await page.locator('#measures-title').count()).toBe(0);

        await page.getByRole('button', { name: /^Action plan/ }).click();
        const status = row13.locator('td.col-status select');
        const before = await status.inputValue();
        const next = before === 'at_risk' ? 'on_track' : 'at_risk';
        await status.selectOption(next);
        await page.getByText(/^Saved /).waitFor();

        held.release?.();
        await page.locator('.app[data-history="loaded"]').waitFor();

        const saved = await planOnDisk(app.dataFile);
        expect(saved.actions.find((action) => action.id === 'a-13')?.status).toBe(next);
        // The demo has one update to review on action 13; the status change is a second.
        const pending = unreviewedUpdates(saved, 'a-13').length;
        expect(pending).toBe(2);
        await page.getByRole('button', { name: /^My actions/ }).click();
        await page.getByLabel('Person').selectOption('Gareth Whitlow');
        await page.locator('tr[data-action-id="a-13"]').getByText(`${pending} updates to review`).waitFor();
        expect(await page.getByText(LOADING).count()).toBe(0);

        await page.getByRole('button', { name: /^Board paper/ }).click();
        await page.locator('form.paper-form').waitFor();
        expect(await page.getByText(LOADING).count()).toBe(0);
        await page.getByRole('button', { name: /^Measures/ }).click();
        await page.locator('#measures-title').waitFor();
        expect(await page.locator('.measure-card').count()).toBeGreaterThan(0);
      } finally {
        held.release?.();
        await app.close();
      }
    });
  }

  it('shows the first rows before the other actions, leaves out every count over all actions until they are in, and keeps an edit made meanwhile once', async () => {
    const size = FIRST_ACTIONS * 3;
    const dataFile = join(await mkdtemp(join(tmpdir(), 'apt-e2e-')), 'action-plan.json');
    await writeFile(dataFile, encodePlanFile(generatePlan(size)));
    const held: { release?: () => void } = {};
    const released = new Promise<void>((resolve) => (held.release = resolve));
    const app = await launchApp(browser(), {
      dataFile,
      clock,
      wrapHandlers: (handlers) => ({
        ...handlers,
        // Read when the page asks, answered later: it misses the edit made meanwhile.
        getPlanActions: async (input) => {
          const answer = await handlers.getPlanActions(input);
          await released;
          return answer;
        },
      }),
    });
    try {
      const { page } = app;
      const firstRow = page.locator('tr[data-action-id]').first();
      await firstRow.waitFor();
      await page.getByText(REST_LOADING).first().waitFor();
      expect(await page.locator('.summary-strip').count()).toBe(0);
      expect(await page.locator('.filter-count').count()).toBe(0);
      expect(await page.locator('.area-count').count()).toBe(0);
      expect(await page.locator('.tab-count').count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Find action/ }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: /^Measures/ }).click();
      await page.locator('main').getByText(LOADING).waitFor();
      expect(await page.locator('#measures-title').count()).toBe(0);
      await page.getByRole('button', { name: /^Action plan/ }).click();

      const id = (await firstRow.getAttribute('data-action-id'))!;
      const status = page.locator(`tr[data-action-id="${id}"] td.col-status select`);
      const next = (await status.inputValue()) === 'at_risk' ? 'on_track' : 'at_risk';
      await status.selectOption(next);
      await page.getByText(/^Saved /).waitFor();

      held.release?.();
      await page.getByText(`${size} actions`, { exact: true }).waitFor();
      await page.locator('.app[data-history="loaded"]').waitFor();
      expect(await page.getByText(REST_LOADING).count()).toBe(0);
      expect(await page.locator(`tr[data-action-id="${id}"]`).count()).toBe(1);
      expect(await status.inputValue()).toBe(next);
      expect((await planOnDisk(dataFile)).actions.find((action) => action.id === id)?.status).toBe(next);
      await page.getByRole('button', { name: /^Measures/ }).click();
      await page.locator('#measures-title').waitFor();
    } finally {
      held.release?.();
      await app.close();
    }
  });
});
