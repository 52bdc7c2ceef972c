import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import axe from 'axe-core';
import type { AxeResults } from 'axe-core';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { createHandlers } from '../../electron/core/handlers';
import type { Handlers } from '../../electron/core/handlers';
import { PlanStore } from '../../electron/core/planStore';
import type { PlanStoreOptions } from '../../electron/core/planStore';
import { PreferencesStore } from '../../electron/core/preferencesStore';
import { demoDocument } from '../../electron/core/demoPlan';
import { startHarness } from '../../electron/harness/server';
import type { Harness } from '../../electron/harness/server';
import { planDocumentSchema } from '../../shared/model/plan';
import type { PlanDocument } from '../../shared/model/plan';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RENDERER_DIR = resolve('out/renderer');

/** End-to-end tests need Debian's Chromium and the built renderer; CI installs and builds both. */
export function e2eUnavailableReason(): string | null {
  if (!existsSync(CHROMIUM_PATH)) return `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) return 'The renderer is not built (npm run build)';
  return null;
}

/** Why end-to-end tests are skipped here, or null; in CI they must run, so there it throws instead. */
export function e2eSkipReason(): string | null {
  const reason = e2eUnavailableReason();
  if (reason && process.env.CI) throw new Error(`End-to-end tests cannot run in CI: ${reason}`);
  return reason;
}

export interface RunningApp {
  page: Page;
  harness: Harness;
  dataFile: string;
  close: () => Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=en-GB',
    ],
    // Date inputs take their day/month order from the process's language, not the page's: British users
    // see 24/11/2026, and so should the tests and screenshots (needs Debian's chromium-l10n). Only the
    // language: a LANG naming a locale this machine lacks drops Chromium to ASCII file names, and a chosen
    // file named with an en dash was then silently left out.
    env: { ...process.env, LANG: 'C.UTF-8', LANGUAGE: 'en_GB' },
  });
}

/** The person of the demo plan's People a test is at the computer as, unless it says otherwise. */
export const TESTER = { id: 'p-bethan-lloyd', name: 'Bethan Lloyd' } as const;
/** The computer login the harness runs as; records keep it beside the person. */
export const TEST_LOGIN = 'Test Secretary';

/**
 * Starts the harness over a fresh data file (the demo plan unless one is given) and opens the app in a page.
 * `identity` is the person of the plan's People this computer user has already said they are (TESTER
 * unless given, and not replacing a choice already in the preferences file beside the data file); null
 * leaves the choice unmade, so the app opens on its "Who are you?" gate.
 */
export async function launchApp(
  browser: Browser,
  options: {
    dataFile?: string;
    clock?: () => Date;
    viewport?: { width: number; height: number };
    storeOptions?: PlanStoreOptions;
    /** Wraps the handlers the harness serves, e.g. to hold an answer back and test what the page does meanwhile. */
    wrapHandlers?: (handlers: Handlers) => Handlers;
    identity?: string | null;
  } = {},
): Promise<RunningApp> {
  const dataFile = options.dataFile ?? join(await mkdtemp(join(tmpdir(), 'apt-e2e-')), 'action-plan.json');
  const store = await PlanStore.open(dataFile, demoDocument, options.storeOptions);
  const preferences = new PreferencesStore(join(dirname(dataFile), 'preferences.json'));
  const planId = store.document()?.plan.id;
  const identity = options.identity === undefined ? TESTER.id : options.identity;
  if (planId !== undefined && identity !== null) {
    await preferences.update((current) =>
      current.identities[planId] !== undefined && options.identity === undefined
        ? current
        : { ...current, identities: { ...current.identities, [planId]: identity } },
    );
  }
  const handlers = createHandlers({
    store,
    demoDocument,
    user: TEST_LOGIN,
    clock: options.clock,
    preferences,
    templatesDir: resolve('templates/board-papers'),
    acceptsPathsFromPage: true,
  });
  storesByFile.set(dataFile, store);
  const harness = await startHarness({
    handlers: options.wrapHandlers ? options.wrapHandlers(handlers) : handlers,
    rendererDir: RENDERER_DIR,
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: 'en-GB',
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(harness.url);
  return {
    page,
    harness,
    dataFile,
    close: async () => {
      await context.close();
      await harness.close();
      if (pageErrors.length > 0) throw new Error(`The page raised errors: ${pageErrors.join('; ')}`);
    },
  };
}

/** One Chromium for all the tests of a file: started before the first, closed after the last. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium has not started');
    return browser;
  };
}

/** The store each running app keeps its data file in: the plan on screen may be ahead of the file. */
const storesByFile = new Map<string, PlanStore>();

/**
 * The plan as the app saved it, read and validated from its data file once the edits shown so far are
 * written (the page shows an edit before its write has finished).
 */
export async function planOnDisk(path: string): Promise<PlanDocument> {
  await storesByFile.get(path)?.settled();
  return planDocumentSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}

/** The WCAG 2.0, 2.1 and 2.2 level A and AA rules: the level the issue asks every view and dialog to meet. */
const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's violations of WCAG 2.2 AA on the page as it is now, one readable line per element. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the app's CSP (script-src 'self') does not block it.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axe.source);
  const results = await page.evaluate<AxeResults>(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_AA_TAGS)} }, resultTypes: ['violations'] })`,
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) =>
      `${violation.id} (${violation.impact ?? 'unknown impact'}) at ${node.target.join(' ')}: ${violation.help}. ${node.failureSummary ?? ''}`.trim(),
    ),
  );
}

/** Fails with every WCAG 2.2 AA violation axe-core finds, saying where in the app (`context`) it looked. */
export async function expectNoAxeViolations(page: Page, context: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(`${violations.length} accessibility violation(s) in ${context}:\n- ${violations.join('\n- ')}`);
  }
}
