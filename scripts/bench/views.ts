import { copyFile, open, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { writePlanWorkbook } from '../../electron/core/export/planWorkbook';
import { createHandlers } from '../../electron/core/handlers';
import { decodePlanFile, encodePlanFile } from '../../electron/core/planFileCodec';
import { demoDocument } from '../../electron/core/demoPlan';
import { DESKTOP_STORE_OPTIONS, PlanStore } from '../../electron/core/planStore';
import { PreferencesStore } from '../../electron/core/preferencesStore';
import { startHarness } from '../../electron/harness/server';
import type { PlanDocument } from '../../shared/model/plan';
import { e2eUnavailableReason, launchBrowser, RENDERER_DIR } from '../../tests/e2e/support';
import {
  generateHistoryPlan,
  generatePlan,
  HISTORY_END,
  TEN_YEARS_AT_150,
  THREE_YEARS_AT_5000,
} from '../../tests/support/generatePlan';
import { ACTION_ROW, FIRST_FRAME, FIRST_ROW_PROBE, HISTORY_FRAME, HISTORY_LOADED } from './renderer';
import type { BenchRow } from './measure';
import { cachedFile } from './planCache';

const CLOCK = () => new Date(HISTORY_END);
/** A figure that takes longer than this is cut short and printed as "over"; the page is then replaced. */
const CAP_MS = 30_000;
/**
 * The export writes the whole plan twice (the Word paper's appendix and the workbook): at 5,000 actions it
 * takes longer than CAP_MS, and a figure cut short says nothing about whether it is getting better.
 */
const EXPORT_CAP_MS = 180_000;
/** Repeats of a figure, unless the first run is already slower than SLOW_MS (then it is measured once). */
const RUNS = 3;
/** Short-run figures at the largest plans are taken once: their seconds dwarf the run-to-run spread. */
const RUNS_LARGEST = 1;
const SLOW_MS = 3000;

export interface BenchCase {
  label: string;
  /** What the generator is given: the generated file is cached under them, so each plan is made once. */
  parameters: unknown;
  make: () => PlanDocument;
  /** How many times each figure is taken (the median is kept). */
  runs: number;
}

/** Today's sizes with an empty update log, and the two plans with years of history. */
export const VIEW_CASES: BenchCase[] = [
  { label: '500 actions', parameters: { size: 500 }, make: () => generatePlan(500), runs: RUNS },
  { label: '5000 actions', parameters: { size: 5000 }, make: () => generatePlan(5000), runs: RUNS },
  { label: '20000 actions', parameters: { size: 20000 }, make: () => generatePlan(20000), runs: RUNS_LARGEST },
  {
    label: '150 actions, 10 years',
    parameters: TEN_YEARS_AT_150,
    make: () => generateHistoryPlan(TEN_YEARS_AT_150),
    runs: RUNS,
  },
  {
    label: '5000 actions, 3 years',
    parameters: THREE_YEARS_AT_5000,
    make: () => generateHistoryPlan(THREE_YEARS_AT_5000),
    runs: RUNS_LARGEST,
  },
];

/** Which physical limit a figure is compared with: reading the file, or writing it safely. */
type Limit = 'read' | 'write';

export interface Figure {
  name: string;
  /** null when the figure was cut short at its cap, or failed. */
  ms: number | null;
  /** Where the figure is cut short, when not at CAP_MS. */
  capMs?: number;
  limit: Limit;
  detail?: string;
  /** Why the figure could not be taken, when it failed rather than ran over. */
  failed?: string;
}

export interface CaseResult {
  label: string;
  bytes: number;
  readMs: number;
  writeMs: number;
  heapMb: number;
  /** os.loadavg() when the plan's figures started and when they ended: the machine is shared. */
  load: { start: number[]; end: number[] };
  figures: Figure[];
}

const VIEWS = [
  { tab: 'Before the board', marker: '#before-board-title' },
  { tab: 'My actions', marker: '#my-actions-title' },
  { tab: 'Maturity matrix', marker: '#matrix-title' },
  { tab: 'Measures', marker: '#measures-title' },
  { tab: 'Board paper', marker: '.paper-preview[aria-label]' },
  { tab: 'Import from Excel', marker: '#import-title' },
  { tab: 'Plan & people', marker: '#people-title' },
] as const;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The bare cost of reading the plan: read the file and JSON.parse it, nothing else. */
async function readLimitMs(path: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    JSON.parse(await readFile(path, 'utf8'));
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The bare cost of saving it safely: stringify, write a temporary file, fsync it, rename it into place. */
async function writeLimitMs(path: string, doc: PlanDocument, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    const text = JSON.stringify(doc, null, 2);
    const temporary = join(dirname(path), `.limit-${run}.tmp`);
    const handle = await open(temporary, 'w');
    await handle.writeFile(text);
    await handle.sync();
    await handle.close();
    await rename(temporary, join(dirname(path), 'limit-copy.json'));
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Runs a page probe, or gives up at `capMs` (the page may be stuck in a long task: it is then replaced). */
async function capped<T>(work: Promise<T>, capMs = CAP_MS): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolvePromise) => (timer = setTimeout(() => resolvePromise(null), capMs)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Clicks a view's tab and times until its marker is in the document, and the frame after. */
const SWITCH_PROBE = `({ tab, marker }) =>
  new Promise((resolve, reject) => {
    const button = [...document.querySelectorAll('nav.tabs button')].find((candidate) => candidate.textContent.trim().startsWith(tab));
    if (!button) return reject(new Error('No tab ' + tab));
    let start = 0;
    let finished = false;
    const check = () => {
      if (finished || !document.querySelector(marker) || button.getAttribute('aria-pressed') !== 'true') return;
      finished = true;
      observer.disconnect();
      const dom = performance.now() - start;
      requestAnimationFrame(() => setTimeout(() => resolve({ dom, frame: performance.now() - start }), 0));
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    start = performance.now();
    button.click();
    check();
  })`;

/** Types one character at the end of the paper's Subject: the next frame, and when the preview shows it. */
const KEY_PROBE = `(suffix) =>
  new Promise((resolve, reject) => {
    const label = [...document.querySelectorAll('.paper-form label')].find((candidate) => candidate.textContent.trim().startsWith('Subject'));
    const input = label && label.querySelector('input');
    if (!input) return reject(new Error('No Subject field'));
    const wanted = input.value + suffix;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const result = { frame: 0, preview: 0 };
    const shown = () => (document.querySelector('.paper-preview .preview-head')?.textContent ?? '').includes(wanted);
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (result.preview || !shown()) return;
      result.preview = performance.now() - start;
      observer.disconnect();
      if (result.frame) resolve(result);
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    setValue.call(input, wanted);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    requestAnimationFrame(() =>
      setTimeout(() => {
        result.frame = performance.now() - start;
        if (!result.preview && shown()) {
          result.preview = result.frame;
          observer.disconnect();
        }
        if (result.preview) resolve(result);
      }, 0),
    );
  })`;

/**
 * Sets the first row's status (or presses Undo) and times until the row shows `next`, the frame after, and
 * the footer saying "Saved" (the file holds the edit).
 */
const EDIT_PROBE = `({ next, undo }) =>
  new Promise((resolve, reject) => {
    const select = document.querySelector('tr[data-action-id] td.col-status select');
    if (!select) return reject(new Error('No status select'));
    const id = select.closest('tr').getAttribute('data-action-id');
    const current = () => document.querySelector('tr[data-action-id="' + id + '"] td.col-status select');
    let finished = false;
    const check = () => {
      const now = current();
      if (finished || !now || !now.classList.contains('status-' + next)) return;
      finished = true;
      observer.disconnect();
      const dom = performance.now() - start;
      requestAnimationFrame(() =>
        setTimeout(() => {
          const frame = performance.now() - start;
          const saved = () => {
            const footer = document.querySelector('.app-footer')?.textContent ?? '';
            if (/Saved \\d/.test(footer) && !footer.includes('Saving')) resolve({ dom, frame, saved: performance.now() - start });
            else setTimeout(saved, 2);
          };
          saved();
        }, 0),
      );
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'], childList: true, subtree: true });
    const start = performance.now();
    if (undo) {
      const button = [...document.querySelectorAll('.header-tools button')].find((candidate) => candidate.textContent.trim() === 'Undo');
      if (!button || button.disabled) return reject(new Error('Undo is not available'));
      button.click();
    } else {
      select.value = next;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
  })`;

const STATUS_OF_FIRST_ROW = `document.querySelector('tr[data-action-id] td.col-status select').value`;

const DATA_CALL = `(() => {
  const call = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/api/getWorkingState'));
  return call ? call.responseEnd - call.startTime : 0;
})()`;

interface Timing {
  dom: number;
  frame: number;
  /** Edits only: until the page says "Saved". */
  saved?: number;
}

/** One harness over the plan file for the whole case; pages come and go (a stuck one is replaced). */
class Session {
  private context: BrowserContext | null = null;
  page!: Page;
  private cdp!: CDPSession;
  private sampler: NodeJS.Timeout | undefined;
  peakHeap = 0;

  private constructor(
    private readonly browser: Browser,
    private readonly label: string,
    readonly url: string,
    private readonly stop: () => Promise<void>,
  ) {}

  static async start(browser: Browser, dataFile: string, label: string): Promise<Session> {
    const store = await PlanStore.open(dataFile, demoDocument, DESKTOP_STORE_OPTIONS);
    const preferences = new PreferencesStore(join(dirname(dataFile), 'preferences.json'));
    const handlers = createHandlers({
      store,
      demoDocument,
      user: 'Bench Secretary',
      clock: CLOCK,
      preferences,
      templatesDir: resolve('templates/board-papers'),
      acceptsPathsFromPage: true,
    });
    const harness = await startHarness({ handlers, rendererDir: RENDERER_DIR });
    return new Session(browser, label, harness.url, async () => {
      await harness.close();
      await store.close();
    });
  }

  /** A fresh page, timed from navigation to the first frame with action rows; null when that took over CAP_MS. */
  async open(): Promise<number | null> {
    await this.closePage();
    this.context = await this.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    await this.context.addInitScript(FIRST_ROW_PROBE);
    this.sampler = setInterval(() => void this.sampleHeap(), 250);
    return this.openPage(this.context);
  }

  /** A new page of `context`, its heap sampled, timed from navigation to the first frame with action rows. */
  private async openPage(context: BrowserContext): Promise<number | null> {
    this.page = await context.newPage();
    this.cdp = await context.newCDPSession(this.page);
    await this.cdp.send('Performance.enable');
    await this.page.goto(this.url);
    return this.firstFrame();
  }

  /**
   * Reloads a page at rest: one whose history has arrived. Reloading while the previous page's history is
   * still being sent would time the server finishing work for a page that no longer exists.
   */
  async reload(): Promise<number | null> {
    await this.page.locator(HISTORY_LOADED).waitFor({ timeout: 600_000 });
    await this.page.reload();
    return this.firstFrame();
  }

  /**
   * A new window of a browser that has shown the app before: the page is closed and a new one opened in the
   * same context, so it starts a renderer of its own but finds the scripts' compiled code kept from the
   * earlier visits, as the desktop app finds it in its profile.
   */
  async reopen(): Promise<number | null> {
    await this.page.locator(HISTORY_LOADED).waitFor({ timeout: 600_000 });
    await this.page.close();
    return this.openPage(this.context!);
  }

  /** Navigation start to the frame after the history was merged; null when that took over CAP_MS. */
  async historyFrame(): Promise<number | null> {
    return capped(this.page.evaluate<number>(HISTORY_FRAME));
  }

  /**
   * Navigation start to the first frame with rows the page's code drew, for each page timed since last taken:
   * the first screen the shell draws into the page shows rows before that code has run.
   */
  private ownFrames: number[] = [];

  /** The median of the own-rows frames since the last call, then starts again. */
  takeOwnFrames(): number | null {
    const frames = this.ownFrames;
    this.ownFrames = [];
    return frames.length === 0 ? null : median(frames);
  }

  private async firstFrame(): Promise<number | null> {
    const ready = await capped(this.page.evaluate(FIRST_FRAME));
    if (ready === null) return null;
    const { firstFrame, ownFrame } = await this.page.evaluate<{ firstFrame: number; ownFrame: number }>(
      'window.__bench',
    );
    this.ownFrames.push(ownFrame);
    return firstFrame;
  }

  async sampleHeap(): Promise<void> {
    try {
      const { metrics } = await this.cdp.send('Performance.getMetrics');
      const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
      this.peakHeap = Math.max(this.peakHeap, used);
    } catch {
      // The page is being replaced; the next sample comes from the new one.
    }
  }

  /**
   * Runs a probe with the cap; a page that did not answer in time (or lost its way) is replaced by a fresh one,
   * waited for until it shows the plan however long that takes, so the next figure starts from a working page.
   */
  async probe<T>(source: string, arg: unknown): Promise<T | null> {
    const result = await capped(
      this.page.evaluate<T>(`(${source})(${JSON.stringify(arg)})`).catch((error: unknown) => {
        console.error(`views bench: ${this.label}: a step on the page failed (${reason(error)}); opening a new page`);
        return null;
      }),
    );
    if (result === null) await this.replacePage();
    return result;
  }

  /** A fresh page, waited for until it shows the plan however long that takes. */
  async replacePage(): Promise<void> {
    await this.open();
    await this.page.locator(ACTION_ROW).first().waitFor({ timeout: 600_000 });
    await this.page.locator(HISTORY_LOADED).waitFor({ timeout: 600_000 });
  }

  /** Makes sure the next figure starts from a page that answers and shows `selector`, replacing it if not. */
  async ensure(selector: string): Promise<void> {
    const answers = await capped(
      this.page.evaluate<boolean>(`document.querySelector(${JSON.stringify(selector)}) !== null`).catch(() => false),
    );
    if (answers !== true) await this.replacePage();
  }

  async closePage(): Promise<void> {
    clearInterval(this.sampler);
    if (this.context) await this.context.close();
    this.context = null;
  }

  async close(): Promise<void> {
    await this.closePage();
    await this.stop();
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/** Repeats a timed step; a step slower than SLOW_MS is taken once, and a step cut short is reported as such. */
async function repeat(runs: number, step: () => Promise<number | null>): Promise<number | null> {
  const first = await step();
  if (first === null || first > SLOW_MS) return first;
  const times = [first];
  for (let run = 1; run < runs; run += 1) {
    const time = await step();
    if (time === null) return null;
    times.push(time);
  }
  return median(times);
}

async function benchCase(browser: Browser, benchCase: BenchCase): Promise<CaseResult> {
  const { label, runs } = benchCase;
  const loadAtStart = loadavg();
  const dir = await mkdtemp(join(tmpdir(), 'apt-bench-views-'));
  const dataFile = join(dir, 'action-plan.json');
  await copyFile(
    await cachedFile('plan', benchCase.parameters, 'json', () => encodePlanFile(benchCase.make())),
    dataFile,
  );
  const bytes = (await stat(dataFile)).size;
  const figures: Figure[] = [];
  const add = (name: string, ms: number | null, limit: Limit, detail?: string) =>
    figures.push({ name, ms, limit, detail });

  let doc: PlanDocument | null = null;
  const loadTimes: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    doc = decodePlanFile(dataFile, await readFile(dataFile, 'utf8'));
    loadTimes.push(performance.now() - start);
  }
  add('load + validate (main process)', median(loadTimes), 'read');
  const plan = doc!;
  // "My actions" shows the list of the person who leads the first action, as a lead would see their own; that
  // person has already said who they are, so the app opens on the plan rather than on "Who are you?".
  const lead = plan.actions[0]!.leads[0]!.name;
  const leadId = plan.people.find((person) => person.name === lead)?.id ?? plan.people[0]!.id;
  await writeFile(
    join(dir, 'preferences.json'),
    JSON.stringify({ myName: lead, identities: { [plan.plan.id]: leadId } }),
  );
  const workbook = await cachedFile('workbook', benchCase.parameters, 'xlsx', () =>
    writePlanWorkbook(plan, HISTORY_END.slice(0, 10)),
  );
  const readMs = await readLimitMs(dataFile, runs);
  const writeMs = await writeLimitMs(dataFile, plan, runs);

  /**
   * Takes one figure; a failure is printed on its own line and recorded as such, and the page is replaced
   * so the figures after it are still taken.
   */
  const attempt = async (
    name: string,
    limit: Limit,
    work: () => Promise<number | null>,
    detail?: string,
    capMs = CAP_MS,
  ): Promise<void> => {
    try {
      figures.push({ name, ms: await capped(work(), capMs), limit, detail, capMs });
    } catch (error) {
      const why = reason(error);
      console.error(`views bench: ${label}: "${name}" failed: ${why}; carrying on with the next figure`);
      figures.push({ name, ms: null, limit, detail, capMs, failed: why });
      await session.replacePage();
    }
  };

  const session = await Session.start(browser, dataFile, label);
  try {
    // Each first load is a browser context of its own, with nothing kept from an earlier visit; the first
    // of the bench's pages would otherwise also pay for starting the browser's own processes.
    const histories: number[] = [];
    const cold = await repeat(runs, async () => {
      const shown = await session.open();
      const history = shown === null ? null : await session.historyFrame();
      if (history !== null) histories.push(history);
      return history === null ? null : shown;
    });
    add('first rows on screen, first load', cold, 'read', 'navigation start to the first frame with action rows');
    add(
      "page's own rows on screen, first load",
      session.takeOwnFrames(),
      'read',
      "the first frame with rows the page's code drew, which take the place of the first screen",
    );
    add(
      'history loaded, first load',
      cold === null ? null : median(histories),
      'read',
      'navigation start to the frame after the history was merged',
    );
    if (cold !== null) {
      add('first rows on screen, reload', await repeat(runs, () => session.reload()), 'read');
      session.takeOwnFrames();
      add(
        'first rows on screen, window opened again',
        await repeat(runs, () => session.reopen()),
        'read',
        'a new page in a browser that has shown the app before (its compiled scripts kept)',
      );
      add("page's own rows on screen, window opened again", session.takeOwnFrames(), 'read');
    }
    await session.page.locator(ACTION_ROW).first().waitFor({ timeout: 600_000 });
    await session.page.locator(HISTORY_LOADED).waitFor({ timeout: 600_000 });
    add(
      'data call (first call: getWorkingState, to response end)',
      await session.page.evaluate<number>(DATA_CALL),
      'read',
    );

    for (const view of VIEWS) {
      const shown = await repeat(runs, async () => {
        const timing = await session.probe<Timing>(SWITCH_PROBE, view);
        if (timing !== null) await session.probe<Timing>(SWITCH_PROBE, { tab: 'Action plan', marker: ACTION_ROW });
        return timing?.frame ?? null;
      });
      add(`view: ${view.tab}`, shown, 'read');
    }
    add(
      'view: Action plan',
      await repeat(runs, async () => {
        await session.probe<Timing>(SWITCH_PROBE, VIEWS[2]);
        return (await session.probe<Timing>(SWITCH_PROBE, { tab: 'Action plan', marker: ACTION_ROW }))?.frame ?? null;
      }),
      'read',
    );

    const statusBefore = await session.page.evaluate<string>(STATUS_OF_FIRST_ROW);
    let edits = 0;
    const savedTimes: number[] = [];
    const edit = await repeat(runs, async () => {
      edits += 1;
      const next = edits % 2 === 1 ? (statusBefore === 'at_risk' ? 'off_track' : 'at_risk') : statusBefore;
      const timing = await session.probe<Timing>(EDIT_PROBE, { next, undo: false });
      if (timing?.saved !== undefined) savedTimes.push(timing.saved);
      return timing?.frame ?? null;
    });
    add('edit → shown (status of an action)', edit, 'write');
    add('edit → saved (the page says "Saved")', savedTimes.length > 0 ? median(savedTimes) : null, 'write');
    if (edit !== null) {
      const shownNow = await session.page.evaluate<string>(STATUS_OF_FIRST_ROW);
      const other = shownNow === 'at_risk' ? 'off_track' : 'at_risk';
      const undo = await capped(
        (async () => {
          await session.probe<Timing>(EDIT_PROBE, { next: other, undo: false });
          return (await session.probe<Timing>(EDIT_PROBE, { next: shownNow, undo: true }))?.frame ?? null;
        })(),
      );
      add('undo → shown', undo, 'write');
    }

    const paperOpen = await session.probe<Timing>(SWITCH_PROBE, VIEWS[4]);
    if (paperOpen === null) {
      add('keystroke in the paper form → next frame', null, 'read');
      add('keystroke in the paper form → preview shows it', null, 'read');
    } else {
      const keys: { frame: number; preview: number }[] = [];
      for (const suffix of ['a', 'b', 'c']) {
        const key = await session.probe<{ frame: number; preview: number }>(KEY_PROBE, suffix);
        if (key === null) break;
        keys.push(key);
        if (key.frame > SLOW_MS) break;
      }
      const cut = keys.length === 0;
      add('keystroke in the paper form → next frame', cut ? null : median(keys.map((key) => key.frame)), 'read');
      add(
        'keystroke in the paper form → preview shows it',
        cut ? null : median(keys.map((key) => key.preview)),
        'read',
      );
    }

    await attempt(
      'export Word + Excel → saved',
      'write',
      async () => {
        await session.probe<Timing>(SWITCH_PROBE, VIEWS[4]);
        const form = session.page.getByRole('form', { name: 'Board paper' });
        const start = performance.now();
        await form.getByRole('button', { name: 'Export…' }).click();
        await form.getByRole('status').filter({ hasText: 'Saved as the draft' }).waitFor({ timeout: EXPORT_CAP_MS });
        return performance.now() - start;
      },
      "Word paper and Excel workbook written, saved as the meeting's draft",
      EXPORT_CAP_MS,
    );
    await session.ensure('.paper-form');

    await attempt(
      'import preview (unchanged workbook) → shown',
      'read',
      async () => {
        await session.probe<Timing>(SWITCH_PROBE, VIEWS[5]);
        const start = performance.now();
        await session.page.getByLabel('Workbook (.xlsx)').setInputFiles(workbook);
        await session.page.getByText('The workbook holds no changes to the plan.').waitFor({ timeout: CAP_MS });
        return performance.now() - start;
      },
      'upload, read and compare with the plan, preview on screen',
    );
    await session.sampleHeap();
  } finally {
    await session.close();
    await rm(dir, { recursive: true, force: true });
  }
  return {
    label,
    bytes,
    readMs,
    writeMs,
    heapMb: session.peakHeap / 1024 / 1024,
    load: { start: loadAtStart, end: loadavg() },
    figures,
  };
}

function cell(ms: number | null, limitMs: number, failed?: string, capMs = CAP_MS): string {
  if (failed !== undefined) return 'failed (see the line above the table)';
  if (ms === null) return `over ${capMs / 1000} s`;
  return `${ms.toFixed(0)} ms (×${(ms / limitMs).toFixed(1)})`;
}

export function loadText(load: readonly number[]): string {
  return load.map((value) => value.toFixed(1)).join('/');
}

/** Prints one table: a row per figure, a column per plan, each figure with its ratio to the physical limit. */
export function printViewTable(results: readonly CaseResult[]): void {
  const names = [...new Set(results.flatMap((result) => result.figures.map((figure) => figure.name)))];
  const header = ['figure (ratio to the physical limit)', ...results.map((result) => result.label)];
  const rows: string[][] = [
    ['file size', ...results.map((result) => `${(result.bytes / 1024 / 1024).toFixed(1)} MB`)],
    ['limit: read + JSON.parse', ...results.map((result) => `${result.readMs.toFixed(0)} ms`)],
    ['limit: stringify + write + fsync + rename', ...results.map((result) => `${result.writeMs.toFixed(0)} ms`)],
    ...names.map((name) => [
      name,
      ...results.map((result) => {
        const figure = result.figures.find((candidate) => candidate.name === name);
        if (!figure) return '–';
        return cell(figure.ms, figure.limit === 'read' ? result.readMs : result.writeMs, figure.failed, figure.capMs);
      }),
    ]),
    ['peak renderer heap (JSHeapUsedSize)', ...results.map((result) => `${result.heapMb.toFixed(0)} MB`)],
    [
      'load average 1/5/15 min, start → end (2 cores)',
      ...results.map((result) => `${loadText(result.load.start)} → ${loadText(result.load.end)}`),
    ],
  ];
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(
    'Ratios: reading figures against read + JSON.parse, edits and exports against stringify + write + fsync + rename.',
  );

  const small = results.find((result) => result.label === '150 actions, 10 years');
  const large = results.find((result) => result.label === '5000 actions, 3 years');
  if (!small || !large) return;
  const sizeRatio = large.bytes / small.bytes;
  console.log(
    `\nGrowth from the 150-action plan to 5,000 actions with history (file ×${sizeRatio.toFixed(1)}; 1.0 = linear in file size):`,
  );
  for (const name of names) {
    const from = small.figures.find((figure) => figure.name === name)?.ms;
    const to = large.figures.find((figure) => figure.name === name)?.ms;
    if (from == null || to == null || from <= 0) continue;
    console.log(`  ${name}: ×${(to / from).toFixed(1)} time, ${(to / from / sizeRatio).toFixed(2)} of linear`);
  }
}

/**
 * Every view and everyday operation in Chromium against the browser harness, at each plan in VIEW_CASES,
 * beside the physical limits measured in the same run. Needs the built renderer.
 */
export async function benchViews(
  cases: readonly BenchCase[] = VIEW_CASES,
  shared?: Browser,
): Promise<{ rows: BenchRow[]; results: CaseResult[] }> {
  const unavailable = e2eUnavailableReason();
  if (unavailable) throw new Error(`Cannot bench the views: ${unavailable}. Run \`npx electron-vite build\` first.`);
  const browser = shared ?? (await launchBrowser());
  const results: CaseResult[] = [];
  try {
    for (const benchCaseItem of cases) {
      const started = performance.now();
      const result = await benchCase(browser, benchCaseItem).catch((error: unknown) => {
        console.error(`views bench: ${benchCaseItem.label} failed:`, error);
        return null;
      });
      if (result === null) continue;
      results.push(result);
      // Printed as each plan is done too: a long run that fails later keeps what it measured.
      console.error(`views bench: ${benchCaseItem.label} took ${((performance.now() - started) / 1000).toFixed(0)} s`);
      printViewTable([result]);
    }
  } finally {
    if (!shared) await browser.close();
  }
  const rows = results.flatMap((result) =>
    result.figures.map((figure) => ({
      name: `${figure.name}, ${result.label}`,
      // A failed figure has no time: 0 keeps it out of the growth figures.
      ms: figure.failed !== undefined ? 0 : (figure.ms ?? figure.capMs ?? CAP_MS),
      detail: `${figure.failed !== undefined ? `failed: ${figure.failed}; ` : figure.ms === null ? `cut short at ${(figure.capMs ?? CAP_MS) / 1000} s; ` : ''}${figure.detail ?? ''}`,
    })),
  );
  return { rows, results };
}
