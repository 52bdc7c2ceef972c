import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { encodePlanFile } from '../../electron/core/planFileCodec';
import { filterActions, groupByArea } from '../../shared/domain/filters';
import type { PlanDocument } from '../../shared/model/plan';
import { generatePlan } from '../../tests/support/generatePlan';
import { e2eUnavailableReason, launchApp, launchBrowser } from '../../tests/e2e/support';
import type { BenchRow } from './measure';

const CLOCK = () => new Date('2026-11-24T10:00:00Z');
const TODAY = '2026-11-24';
const RUNS = 5;
/** At the largest plan each run takes seconds and varies little: fewer runs keep the whole bench short. */
const RUNS_LARGEST = 3;
const LARGEST = 20000;
/** A selector every version of the table gives its action rows. */
export const ACTION_ROW = 'tr[data-action-id]';
/** A row the page's code drew, not one of the first screen the shell drew into the page before it ran. */
export const OWN_ACTION_ROW = `#root ${ACTION_ROW}`;

/** What the app marks once the plan's history has arrived and been merged (the first call brings the rest). */
export const HISTORY_LOADED = '[data-history="loaded"]';

/**
 * Installed before the app's own scripts: notes when the first action row reaches the DOM, and the frame
 * after; and the frame after the history is merged.
 */
export const FIRST_ROW_PROBE = `(() => {
  const bench = (window.__bench = { firstRow: 0, firstFrame: 0, ownFrame: 0, historyFrame: 0 });
  // Once the selector first matches: notes the moment (when asked), then the frame after, under the names given.
  const frameAfter = (selector, frameKey, rowKey, options) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      if (rowKey) bench[rowKey] = performance.now();
      requestAnimationFrame(() => setTimeout(() => (bench[frameKey] = performance.now()), 0));
    });
    observer.observe(document, { childList: true, subtree: true, ...options });
  };
  frameAfter(${JSON.stringify(ACTION_ROW)}, 'firstFrame', 'firstRow');
  frameAfter(${JSON.stringify(OWN_ACTION_ROW)}, 'ownFrame');
  frameAfter(${JSON.stringify(HISTORY_LOADED)}, 'historyFrame', null, { attributes: true, attributeFilter: ['data-history'] });
})();`;

export const FIRST_FRAME = `new Promise((resolve) => {
  const poll = () => (window.__bench && window.__bench.firstFrame > 0 && window.__bench.ownFrame > 0 ? resolve(true) : setTimeout(poll, 5));
  poll();
})`;

export const HISTORY_FRAME = `new Promise((resolve) => {
  const poll = () => (window.__bench && window.__bench.historyFrame > 0 ? resolve(window.__bench.historyFrame) : setTimeout(poll, 5));
  poll();
})`;

export const LOAD_TIMES = `(() => {
  const call = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/api/getWorkingState'));
  return { row: window.__bench.firstRow, frame: window.__bench.firstFrame, api: call ? call.responseEnd : 0 };
})()`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Shown {
  count: number;
  firstId: string;
}

/** What the table must show for a search: how many actions match and which one comes first in the printed order. */
function expectedFor(doc: PlanDocument, text: string): Shown {
  const shown = filterActions(doc, text ? { text } : {}, TODAY);
  const first = groupByArea(doc, shown).find((group) => group.actions.length > 0)?.actions[0];
  return { count: shown.length, firstId: first?.id ?? '' };
}

interface Timing {
  dom: number;
  frame: number;
}

/**
 * Types `text` into the Search box as one input event (what `fill` does) and times, in the page, until the
 * table's DOM shows the expected rows and count, and until the next frame after that.
 */
async function timeSearch(page: Page, text: string, expected: Shown, total: number): Promise<Timing> {
  // Passed as source text: tsx would otherwise wrap the page function's locals in helpers the page lacks.
  const args = JSON.stringify({ text, expected, total, selector: ACTION_ROW });
  return page.evaluate<Timing>(`(${SEARCH_PROBE})(${args})`);
}

const SEARCH_PROBE = `({ text, expected, total, selector }) =>
  new Promise((resolve, reject) => {
    const input = document.querySelector('.filter-bar input[type="search"]');
    if (!input) return reject(new Error('No Search box'));
    const countText = expected.count === total ? total + ' actions' : expected.count + ' of ' + total + ' actions';
    const done = () => {
      const first = document.querySelector(selector)?.getAttribute('data-action-id') ?? '';
      const count = document.querySelector('.filter-count')?.textContent ?? '';
      return first === expected.firstId && count === countText;
    };
    let start = 0;
    let finished = false;
    const check = () => {
      if (finished || !done()) return;
      finished = true;
      observer.disconnect();
      clearTimeout(timeout);
      const dom = performance.now() - start;
      requestAnimationFrame(() => setTimeout(() => resolve({ dom, frame: performance.now() - start }), 0));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const timeout = setTimeout(() => {
      observer.disconnect();
      reject(new Error('Search for "' + text + '" did not show ' + countText + ' starting with ' + expected.firstId));
    }, 20000);
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    start = performance.now();
    setValue.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    check();
  })`;

/**
 * Changes the status of the first action row on screen and times, in the page, until the row shows the new
 * status as saved: the handler's atomic write, the API client's check of the returned document, and the
 * re-render of the whole view with it.
 */
export const STATUS_PROBE = `(next) =>
  new Promise((resolve, reject) => {
    const select = document.querySelector('tr[data-action-id] td.col-status select');
    if (!select) return reject(new Error('No status select'));
    const done = () => select.isConnected && select.classList.contains('status-' + next);
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      clearTimeout(timeout);
      const dom = performance.now() - start;
      requestAnimationFrame(() => setTimeout(() => resolve({ dom, frame: performance.now() - start }), 0));
    });
    observer.observe(select, { attributes: true, attributeFilter: ['class'] });
    const timeout = setTimeout(() => {
      observer.disconnect();
      reject(new Error('The status did not change to ' + next));
    }, 20000);
    const start = performance.now();
    select.value = next;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  })`;

async function timeStatusChange(page: Page, next: string): Promise<Timing> {
  return page.evaluate<Timing>(`(${STATUS_PROBE})(${JSON.stringify(next)})`);
}

/** Waits until the page has settled on showing `expected` (untimed). */
async function settle(page: Page, text: string, expected: Shown, total: number): Promise<void> {
  await timeSearch(page, text, expected, total);
  await page.waitForTimeout(50);
}

function growth(values: readonly number[], sizes: readonly number[], index: number): string {
  if (index === 0) return '';
  return `; ×${(values[index]! / values[0]!).toFixed(1)} time for ×${sizes[index]! / sizes[0]!} actions`;
}

/**
 * The Action plan view in Chromium against the browser harness, at three plan sizes: time to the first table
 * render after load, and from typing in the Search box until the table shows the filtered rows (median of 5;
 * "DOM" is when the rows are in the document, the figure is the next frame after). Needs the built renderer:
 * run `npx electron-vite build` first.
 */
export async function benchRenderer(
  sizes: readonly number[] = [500, 5000, LARGEST],
  shared?: Browser,
): Promise<BenchRow[]> {
  const unavailable = e2eUnavailableReason();
  if (unavailable) throw new Error(`Cannot bench the renderer: ${unavailable}. Run \`npx electron-vite build\` first.`);
  const browser = shared ?? (await launchBrowser());
  const rows: BenchRow[] = [];
  const series = new Map<string, number[]>();
  const record = (key: string, value: number) => series.set(key, [...(series.get(key) ?? []), value]);
  try {
    for (const size of sizes) {
      const runs = size >= LARGEST ? RUNS_LARGEST : RUNS;
      const dir = await mkdtemp(join(tmpdir(), 'apt-bench-renderer-'));
      const dataFile = join(dir, 'action-plan.json');
      const doc = generatePlan(size);
      await writeFile(dataFile, encodePlanFile(doc));
      const app = await launchApp(browser, { dataFile, clock: CLOCK });
      try {
        const { page } = app;
        // The first load (by launchApp) warms up; then five timed reloads.
        await page.locator(ACTION_ROW).first().waitFor({ timeout: 120_000 });
        await page.addInitScript(FIRST_ROW_PROBE);
        const loads: { row: number; frame: number; api: number }[] = [];
        for (let run = 0; run < runs; run += 1) {
          await page.reload();
          // Not waitForFunction: the app's CSP forbids the eval it uses for a string predicate.
          await page.evaluate(FIRST_FRAME);
          loads.push(await page.evaluate<{ row: number; frame: number; api: number }>(LOAD_TIMES));
        }
        const loadFrame = median(loads.map((load) => load.frame));
        const afterApi = median(loads.map((load) => load.row - load.api));
        record('load', loadFrame);
        rows.push({
          name: `first table render, ${size} actions`,
          ms: loadFrame,
          detail: `navigation start to first frame with rows; ${afterApi.toFixed(0)} ms of it after the first call (getWorkingState) arrived (validate + render), DOM rows ${await page.locator(ACTION_ROW).count()}${growth(series.get('load')!, sizes, series.get('load')!.length - 1)}`,
        });

        const all = expectedFor(doc, '');
        for (const text of ['training', 'action 42)']) {
          const expected = expectedFor(doc, text);
          const times: Timing[] = [];
          await settle(page, '', all, size);
          await timeSearch(page, text, expected, size); // warm-up
          for (let run = 0; run < runs; run += 1) {
            await settle(page, '', all, size);
            times.push(await timeSearch(page, text, expected, size));
          }
          const frame = median(times.map((time) => time.frame));
          const key = `search ${text}`;
          record(key, frame);
          rows.push({
            name: `search "${text}" → table, ${size} actions`,
            ms: frame,
            detail: `${expected.count} match; in DOM ${median(times.map((time) => time.dom)).toFixed(1)} ms, next frame as shown${growth(series.get(key)!, sizes, series.get(key)!.length - 1)}`,
          });
        }

        // Typing one key at a time: the short prefixes match nearly everything, the worst case for rendering.
        const word = 'training';
        const keys: Timing[] = [];
        await settle(page, '', all, size);
        for (let length = 1; length <= word.length; length += 1) {
          const prefix = word.slice(0, length);
          keys.push(await timeSearch(page, prefix, expectedFor(doc, prefix), size));
        }
        const worstKey = Math.max(...keys.map((time) => time.frame));
        record('keys', worstKey);
        rows.push({
          name: `typing "${word}" key by key, ${size} actions`,
          ms: worstKey,
          detail: `slowest keystroke to next frame; median ${median(keys.map((time) => time.frame)).toFixed(1)} ms${growth(series.get('keys')!, sizes, series.get('keys')!.length - 1)}`,
        });

        const clear: Timing[] = [];
        for (let run = 0; run < runs; run += 1) {
          await settle(page, word, expectedFor(doc, word), size);
          clear.push(await timeSearch(page, '', all, size));
        }
        const clearFrame = median(clear.map((time) => time.frame));
        record('clear', clearFrame);
        rows.push({
          name: `clear search → all rows, ${size} actions`,
          ms: clearFrame,
          detail: `in DOM ${median(clear.map((time) => time.dom)).toFixed(1)} ms${growth(series.get('clear')!, sizes, series.get('clear')!.length - 1)}`,
        });

        const statuses: Timing[] = [];
        await page.evaluate('window.scrollTo(0, 0)');
        await timeStatusChange(page, 'at_risk'); // warm-up
        for (let run = 0; run < runs; run += 1)
          statuses.push(await timeStatusChange(page, run % 2 === 0 ? 'off_track' : 'at_risk'));
        const statusFrame = median(statuses.map((time) => time.frame));
        record('status', statusFrame);
        rows.push({
          name: `status change → saved + shown, ${size} actions`,
          ms: statusFrame,
          detail: `save via harness, client checks the returned plan, view re-renders${growth(series.get('status')!, sizes, series.get('status')!.length - 1)}`,
        });
      } finally {
        await app.close();
        await rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    if (!shared) await browser.close();
  }
  return rows;
}
