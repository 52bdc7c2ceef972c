/**
 * The desktop shell's wiring, without Electron: electron/main/index.ts is imported against a fake
 * Electron, and its IPC handlers, window options and navigation guards are driven directly.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { API_METHODS, IPC_CHANNEL_PREFIX } from '../../../../shared/api/methods';
import { MENU_CHANNEL } from '../../../../shared/api/menuCommands';
import { DATA_FILE_ENV, DATA_FILE_NAME } from '../../../../electron/core/dataLocation';
import type { ApiResult } from '../../../../shared/api/contract';
import type { PlanDocument } from '../../../../shared/model/plan';
import { makeTempDir, removeDir } from '../../../support/fixtures';
import { fake, startShell } from '../../../support/fakeElectron';

type Handler = (event: unknown, input: unknown) => unknown;
type AnyFn = (...args: unknown[]) => unknown;

vi.mock('electron', () => import('../../../support/fakeElectron'));

let dir: string;
let dataFile: string;
let rendererUrl: string;
const savedEnv: Record<string, string | undefined> = {};

/** The app's own page, in its top frame. */
const trusted = () => ({ senderFrame: { url: rendererUrl, parent: null } });

async function call<T = unknown>(method: string, input: unknown, event: unknown = trusted()): Promise<ApiResult<T>> {
  const handler = fake.ipcHandlers.get(`${IPC_CHANNEL_PREFIX}${method}`) as Handler | undefined;
  if (!handler) throw new Error(`no handler for ${method}`);
  return (await handler(event, input)) as ApiResult<T>;
}

const window = () => fake.windows[0]!;

beforeAll(async () => {
  dir = await makeTempDir('apt-main-');
  fake.userData = dir;
  fake.appPath = resolve('.');
  dataFile = join(dir, DATA_FILE_NAME);
  for (const name of ['ELECTRON_RENDERER_URL', DATA_FILE_ENV]) {
    savedEnv[name] = process.env[name];
    delete process.env[name];
  }
  rendererUrl = await startShell();
}, 30_000);

afterAll(async () => {
  // Quitting closes the plan (releasing its lock) before the app exits.
  const beforeQuit = (fake.appListeners.get('before-quit') ?? []) as AnyFn[];
  const preventDefault = vi.fn();
  for (const listener of beforeQuit) listener({ preventDefault });
  if (beforeQuit.length > 0) await vi.waitFor(() => expect(fake.exited).toBe(1), { timeout: 10_000 });
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await removeDir(dir);
});

describe('starting the shell', () => {
  it('starts without an error box and loads the built renderer page through app://, not file://', () => {
    expect(fake.errorBoxes).toEqual([]);
    expect(rendererUrl).toBe('app://renderer/index.html');
  });

  it('opens the plan in the user data folder (the demo plan, since none existed)', async () => {
    const onDisk = JSON.parse(await readFile(dataFile, 'utf8')) as PlanDocument;
    expect(onDisk.actions.length).toBeGreaterThan(0);
  });
});

describe('IPC registration', () => {
  it('registers exactly one ipcMain.handle per API method, on plan:<method>', () => {
    expect(fake.handleCalls).toHaveLength(API_METHODS.length);
    expect([...fake.handleCalls].sort()).toEqual(API_METHODS.map((method) => `${IPC_CHANNEL_PREFIX}${method}`).sort());
  });

  it('answers the app page in its top frame', async () => {
    const result = await call<{ document: PlanDocument }>('getState', {});
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.document?.actions.length).toBeGreaterThan(0);
  });

  const untrustedSenders: [string, () => unknown][] = [
    ['a page from the web', () => ({ senderFrame: { url: 'https://evil.example/', parent: null } })],
    [
      'the app page inside a subframe',
      () => ({ senderFrame: { url: rendererUrl, parent: { url: 'https://evil.example/' } } }),
    ],
    ['another file:// page', () => ({ senderFrame: { url: 'file:///tmp/evil.html', parent: null } })],
    [
      'the built page opened from file://',
      () => ({ senderFrame: { url: pathToFileURL(resolve('electron/renderer/index.html')).href, parent: null } }),
    ],
    ['another app:// host', () => ({ senderFrame: { url: 'app://evil/index.html', parent: null } })],
    ['a frame that is gone', () => ({ senderFrame: null })],
    ['a malformed url', () => ({ senderFrame: { url: 'not a url', parent: null } })],
  ];

  it.each(untrustedSenders)(
    'refuses %s with {ok:false}, and the call never reaches the store',
    async (_name, sender) => {
      const event = sender();
      const before = await readFile(dataFile);
      const doc = (await call<{ document: PlanDocument }>('getState', {})) as {
        ok: true;
        value: { document: PlanDocument };
      };
      const target = doc.value.document.actions[0]!;

      const results = [
        await call('deleteAction', { id: target.id }, event),
        await call('updateAction', { id: target.id, changes: { status: 'off_track', achievement: 'pwned' } }, event),
        await call('updatePlanInfo', { changes: { title: 'pwned' } }, event),
        await call('getState', {}, event),
        await call('saveCopy', { path: join(dir, 'stolen.json') }, event),
      ];
      for (const result of results) {
        expect(result.ok).toBe(false);
        expect(!result.ok && result.error.message).toMatch(/untrusted/i);
      }
      expect((await readFile(dataFile)).equals(before)).toBe(true);
      await expect(readFile(join(dir, 'stolen.json'))).rejects.toThrow();
      const after = (await call<{ document: PlanDocument }>('getState', {})) as {
        ok: true;
        value: { document: PlanDocument };
      };
      expect(after.value.document).toEqual(doc.value.document);
    },
  );

  it('gives the app page invalid_input for a payload that does not fit, and changes nothing', async () => {
    const before = await readFile(dataFile);
    const payloads: [string, unknown][] = [
      ['deleteAction', { id: 42 }],
      ['deleteAction', { id: '../../etc/passwd' }],
      ['updateAction', { id: 'a-01', changes: { status: 'pwned' } }],
      ['updateAction', { id: 'a-01', changes: { __proto__: { polluted: true }, unknownField: 1 } }],
      ['updatePlanInfo', 'a string'],
      ['applyWorkbookImport', { fileName: 'x.xlsx', base64: 'not base64!', expectedChanges: 1 }],
      ['saveCopy', { path: 42 }],
    ];
    for (const [method, input] of payloads) {
      const result = await call(method, input);
      expect(result.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
      expect(!result.ok && result.error.code, `${method} ${JSON.stringify(input)}`).toBe('invalid_input');
    }
    expect((await readFile(dataFile)).equals(before)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('paths on the desktop', () => {
  it.each([
    ['saveCopy', (target: string) => ({ path: target })],
    ['openDataFile', (target: string) => ({ path: target })],
    ['newPlan', (target: string) => ({ path: target, title: 'Planted' })],
    ['exportMyActions', (target: string) => ({ person: 'Alex Lead', folder: target })],
  ])('%s refuses a path the app page sends, even from its own top frame', async (method, input) => {
    const target = join(dir, 'chosen-by-the-page.json');
    const result = await call(method, input(target));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/only uses a file or folder chosen in its own/);
    expect(existsSync(target)).toBe(false);
    const state = (await call<{ store: { path: string } }>('getState', {})) as {
      ok: true;
      value: { store: { path: string } };
    };
    expect(state.value.store.path).toBe(dataFile);
  });

  it('asks the save dialog instead, which confirms before replacing a file on every system', async () => {
    const before = fake.saveDialogs.length;
    const result = await call('saveCopy', {});
    expect(!result.ok && result.error.code).toBe('cancelled');
    expect(fake.saveDialogs).toHaveLength(before + 1);
    expect((fake.saveDialogs.at(-1) as { properties?: string[] }).properties).toContain('showOverwriteConfirmation');
  });
});

describe('the app:// protocol that serves the page', () => {
  type ProtocolHandler = (request: Request) => Promise<Response>;
  const serve = (url: string, method = 'GET') =>
    (fake.protocolHandlers.get('app') as ProtocolHandler)(new Request(url, { method }));

  it('is registered as a privileged standard, secure scheme before the app is ready, without CORS or CSP bypass', () => {
    expect(fake.privilegedSchemes).toHaveLength(1);
    expect(fake.privilegedSchemes[0]!.beforeReady).toBe(true);
    const [scheme] = fake.privilegedSchemes[0]!.schemes as { scheme: string; privileges: Record<string, boolean> }[];
    expect(scheme!.scheme).toBe('app');
    expect(scheme!.privileges).toMatchObject({ standard: true, secure: true, codeCache: true });
    expect(scheme!.privileges.corsEnabled).toBeUndefined();
    expect(scheme!.privileges.bypassCSP).toBeUndefined();
    expect(fake.protocolHandlers.get('app')).toBeTypeOf('function');
  });

  it.each([
    'app://renderer/..%2fmain%2findex.ts',
    'app://renderer/%2e%2e%2fmain%2findex.ts',
    'app://renderer/assets/..%2f..%2fmain%2findex.ts',
    'app://renderer/..%5cmain%5cindex.ts',
    `app://renderer/${encodeURIComponent(resolve('electron/main/index.ts'))}`,
  ])('refuses the path traversal %s and never serves the main process code', async (url) => {
    const response = await serve(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('registerSchemesAsPrivileged');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers only its own host and only reads', async () => {
    expect((await serve('app://elsewhere/index.html')).status).toBe(404);
    expect((await serve('app://renderer/index.html', 'POST')).status).toBe(405);
  });
});

describe('the main window', () => {
  it('is created once, hidden until ready, with the security options', () => {
    expect(fake.windows).toHaveLength(1);
    const { options } = window();
    const prefs = options.webPreferences as Record<string, unknown>;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(isAbsolute(prefs.preload as string)).toBe(true);
    expect(prefs.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(options.show).toBe(false);
  });

  it('shows itself on ready-to-show', () => {
    for (const listener of (window().listeners.get('ready-to-show') ?? []) as AnyFn[]) listener();
    expect(window().shown).toBe(1);
  });

  it('prevents every navigation away from the app page', () => {
    const listeners = (window().webContents.listeners.get('will-navigate') ?? []) as AnyFn[];
    expect(listeners.length).toBeGreaterThan(0);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', rendererUrl]) {
      const event = { preventDefault: vi.fn() };
      for (const listener of listeners) listener(event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
  });

  it('denies every new window', () => {
    const handler = window().webContents.windowOpenHandler as ((details: { url: string }) => unknown) | null;
    expect(handler).toBeTypeOf('function');
    for (const url of ['https://evil.example/', 'javascript:alert(1)', rendererUrl, 'file:///etc/passwd']) {
      expect(handler!({ url })).toEqual({ action: 'deny' });
    }
  });

  it('refuses every permission request (camera, notifications, ...)', () => {
    const handler = fake.permissionHandler as
      ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null;
    expect(handler).toBeTypeOf('function');
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      handler!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
  });

  it('answers every permission check with no, as well as every request', () => {
    const check = fake.permissionCheckHandler as
      ((webContents: unknown, permission: string, origin: string) => boolean) | null;
    expect(check).toBeTypeOf('function');
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'fileSystem',
      'hid',
      'serial',
      'usb',
    ]) {
      expect(check!({}, permission, 'app://renderer')).toBe(false);
    }
  });

  it('checks no spelling, so no dictionary is downloaded', () => {
    expect(fake.spellCheckerEnabled).toBe(false);
    expect((window().options.webPreferences as Record<string, unknown>).spellcheck).toBe(false);
  });

  it('sends the page nothing but menu commands', () => {
    for (const [channel] of window().webContents.sent) expect(channel).toBe(MENU_CHANNEL);
  });
});
