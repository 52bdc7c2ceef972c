import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { encodePlanFile } from '../../electron/core/planFileCodec';
import { groupByArea } from '../../shared/domain/filters';
import type { Action } from '../../shared/model/action';
import type { PlanDocument } from '../../shared/model/plan';
import { generatePlan } from '../support/generatePlan';
import { e2eSkipReason, launchApp, launchBrowser, expectNoAxeViolations } from './support';
import type { RunningApp } from './support';

const unavailable = e2eSkipReason();

const SIZE = 5000;
const clock = () => new Date('2026-11-24T10:00:00Z');
const ACTION_ROWS = 'table.plan-table tr[data-action-id]';

/** The actions in the order the table shows them: area by area, each area's actions in number order. */
function planOrder(doc: PlanDocument): Action[] {
  return groupByArea(doc, doc.actions).flatMap((group) => group.actions);
}

async function statusOnDisk(path: string, actionId: string): Promise<string | undefined> {
  const doc = JSON.parse(await readFile(path, 'utf8')) as PlanDocument;
  return doc.actions.find((action) => action.id === actionId)?.status;
}

/** Where the focus is: its row's action id, and whether it can be seen (on screen, not under the sticky headers). */
async function focusState(page: Page): Promise<{ actionId: string | null; visible: boolean }> {
  return page.evaluate<{ actionId: string | null; visible: boolean }>(`(() => {
    const element = document.activeElement;
    const row = element && element.closest('tr[data-action-id]');
    if (!row) return { actionId: null, visible: false };
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 8));
    const visible = box.top >= 0 && box.bottom <= window.innerHeight && !!hit && (hit === element || element.contains(hit));
    return { actionId: row.getAttribute('data-action-id'), visible };
  })()`);
}

describe.skipIf(unavailable !== null)(`a ${SIZE}-action plan in real Chromium`, () => {
  let browser: Browser;
  const doc = generatePlan(SIZE);
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The app over a fresh copy of the generated plan. */
  async function open(): Promise<RunningApp> {
    const dataFile = join(await mkdtemp(join(tmpdir(), 'apt-e2e-large-')), 'action-plan.json');
    await writeFile(dataFile, encodePlanFile(doc));
    const app = await launchApp(browser, { dataFile, clock });
    await app.page.locator(ACTION_ROWS).first().waitFor({ timeout: 20_000 });
    return app;
  }

  it(
    'shows the table with a bounded number of rows, renders the last area at the bottom, and saves a status there',
    { timeout: 90_000 },
    async () => {
      const app = await open();
      try {
        const { page } = app;
        const order = planOrder(doc);
        await page.getByRole('table').first().waitFor();
        await page.getByText(`${SIZE} actions`, { exact: true }).waitFor();
        expect(
          await page.getByRole('button', { name: `Edit action ${order[0]!.number}`, exact: true }).isVisible(),
        ).toBe(true);
        expect(await page.locator(ACTION_ROWS).count()).toBeLessThan(300);
        expect(await page.locator('table.plan-table tr').count()).toBeLessThan(300);
        await expectNoAxeViolations(page, `the action plan of ${SIZE} actions`);

        // Scroll to the bottom; rows are measured as they appear, so the page may grow: keep going until there.
        const last = order.at(-1)!;
        const lastArea = doc.matrix.areas.find((area) => area.id === last.areaId)!;
        const lastEdit = page.getByRole('button', { name: `Edit action ${last.number}`, exact: true });
        await expect
          .poll(async () => {
            await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
            return lastEdit.isVisible();
          })
          .toBe(true);
        expect(await page.locator(ACTION_ROWS).count()).toBeLessThan(300);
        const lastAreaIds = new Set(order.filter((action) => action.areaId === lastArea.id).map((action) => action.id));
        const shownIds = await page
          .locator(ACTION_ROWS)
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action-id')));
        expect(shownIds.filter((id) => id && lastAreaIds.has(id)).length).toBeGreaterThan(3);
        // The last area's header stays in view, stuck under the column headings.
        await expect
          .poll(() => page.getByRole('rowheader', { name: new RegExp(`^${lastArea.name}`) }).isVisible())
          .toBe(true);

        // A status far down the plan is saved to the JSON file.
        const target = last.status === 'off_track' ? order.at(-2)! : last;
        const select = page.getByLabel(`Status of action ${target.number}`, { exact: true });
        expect(await select.inputValue()).toBe(target.status);
        await select.selectOption('off_track');
        await page.getByText(/^Saved /).waitFor();
        await expect.poll(() => statusOnDisk(app.dataFile, target.id), { timeout: 10_000 }).toBe('off_track');
        await expect.poll(() => select.inputValue()).toBe('off_track');

        // Searching shows just the matching rows.
        await page.evaluate('window.scrollTo(0, 0)');
        const search = page.getByRole('searchbox', { name: 'Search' });
        await search.fill(`(action ${order[10]!.number})`);
        await page.getByText(`1 of ${SIZE} actions`, { exact: true }).waitFor();
        await expect.poll(() => page.locator(ACTION_ROWS).count()).toBe(1);
        expect(
          await page.getByRole('button', { name: `Edit action ${order[10]!.number}`, exact: true }).isVisible(),
        ).toBe(true);
        await search.fill('');
        await page.getByText(`${SIZE} actions`, { exact: true }).waitFor();
      } finally {
        await app.close();
      }
    },
  );

  it('Tab and Shift+Tab walk the rows in plan order, each focused row rendered and in view', async () => {
    const app = await open();
    try {
      const { page } = app;
      const order = planOrder(doc);
      await page.getByRole('button', { name: `Edit action ${order[0]!.number}`, exact: true }).focus();
      // Each row has three stops: its number, its description and its status.
      const visited: string[] = [];
      for (let press = 0; press < 90; press += 1) {
        await page.keyboard.press('Tab');
        // A frame or two for the row to scroll in on a busy machine; focus that never comes into view fails.
        await expect
          .poll(async () => (await focusState(page)).visible, {
            message: `focus after ${press + 1} Tabs is on screen and not under a header`,
            timeout: 2_000,
          })
          .toBe(true);
        const state = await focusState(page);
        if (state.actionId && visited.at(-1) !== state.actionId) visited.push(state.actionId);
      }
      expect(visited).toEqual(order.slice(0, visited.length).map((action) => action.id));
      expect(visited.length).toBeGreaterThanOrEqual(29);
      expect(await page.evaluate('window.scrollY')).toBeGreaterThan(2000);
      expect(await page.locator(ACTION_ROWS).count()).toBeLessThan(300);

      for (let press = 0; press < 90; press += 1) {
        await page.keyboard.press('Shift+Tab');
        await expect
          .poll(async () => (await focusState(page)).visible, {
            message: `focus after ${press + 1} Shift+Tabs`,
            timeout: 2_000,
          })
          .toBe(true);
      }
      expect((await focusState(page)).actionId).toBe(order[0]!.id);
    } finally {
      await app.close();
    }
  });

  it('keeps the focused row while the page scrolls far away from it', async () => {
    const app = await open();
    try {
      const { page } = app;
      const first = planOrder(doc)[0]!;
      const select = page.getByLabel(`Status of action ${first.number}`, { exact: true });
      await select.focus();
      await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight / 2)');
      await page.waitForTimeout(200);
      expect(await page.locator(`tr[data-action-id="${first.id}"]`).count()).toBe(1);
      expect(await page.evaluate('document.activeElement?.getAttribute("aria-label")')).toBe(
        `Status of action ${first.number}`,
      );
      expect(await page.locator(ACTION_ROWS).count()).toBeLessThan(300);
    } finally {
      await app.close();
    }
  });
});
