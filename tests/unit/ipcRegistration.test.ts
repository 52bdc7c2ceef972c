/**
 * The desktop shell's wiring, without Electron: electron/main/index.ts is imported against a fake
 * Electron, and its IPC handlers, window options and navigation guards are driven directly.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { API_METHODS, IPC_CHANNEL_PREFIX } from '../../shared/api/methods';
import { MENU_CHANNEL } from '../../shared/api/menuCommands';
import { DATA_FILE_ENV, DATA_FILE_NAME } from '../../electron/core/dataLocation';
import type { ApiResult } from '../../shared/api/contract';
import type { PlanDocument } from '../../shared/model/plan';
import { makeTempDir, removeDir } from './fixtures';

type Handler = (event: unknown, input: unknown) => unknown;
type AnyFn = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    userData: '',
    appPath: '',
    ipcHandlers: new Map<string, unknown>(),
    handleCalls: [] as string[],
    windows: [] as FakeWindowLike[],
    appListeners: new Map<string, unknown[]>(),
    permissionHandler: null as unknown,
    loaded: null as string | null,
    errorBoxes: [] as unknown[][],
    exited: 0,
    quit: 0,
  };
  interface FakeWindowLike {
    options: Record<string, unknown>;
    webContents: {
      listeners: Map<string, unknown[]>;
      windowOpenHandler: unknown;
      sent: unknown[][];
    };
    listeners: Map<string, unknown[]>;
    shown: number;
  }
  return { state };
});

vi.mock('electron', () => {
  const { state } = fake;
  const add = (map: Map<string, unknown[]>, name: string, listener: unknown) => map.set(name, [...(map.get(name) ?? []), listener]);

  class BrowserWindow {
    options: Record<string, unknown>;
    listeners = new Map<string, unknown[]>();
    shown = 0;
    webContents = {
      listeners: new Map<string, unknown[]>(),
      windowOpenHandler: null as unknown,
      sent: [] as unknown[][],
      on: (name: string, listener: unknown) => add(this.webContents.listeners, name, listener),
      once: (name: string, listener: unknown) => add(this.webContents.listeners, name, listener),
      setWindowOpenHandler: (handler: unknown) => {
        this.webContents.windowOpenHandler = handler;
      },
      send: (...args: unknown[]) => this.webContents.sent.push(args),
    };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      state.windows.push(this);
    }
    on(name: string, listener: unknown) {
      add(this.listeners, name, listener);
      return this;
    }
    once(name: string, listener: unknown) {
      add(this.listeners, name, listener);
      return this;
    }
    show() {
      this.shown += 1;
    }
    getNormalBounds() {
      return { x: 10, y: 10, width: 1400, height: 900 };
    }
    async loadURL(url: string) {
      state.loaded = url;
    }
  }

  const app = {
    isPackaged: false,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected app.getPath(${name})`);
      return state.userData;
    },
    getAppPath: () => state.appPath,
    on: (name: string, listener: unknown) => add(state.appListeners, name, listener),
    once: (name: string, listener: unknown) => add(state.appListeners, name, listener),
    quit: () => {
      state.quit += 1;
    },
    exit: () => {
      state.exited += 1;
    },
  };
  const ipcMain = {
    handle: (channel: string, handler: unknown) => {
      state.handleCalls.push(channel);
      state.ipcHandlers.set(channel, handler);
    },
    on: () => {
      throw new Error('the shell must use ipcMain.handle only');
    },
  };
  const dialog = {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
    showErrorBox: (...args: unknown[]) => state.errorBoxes.push(args),
  };
  const Menu = { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: () => undefined };
  const screen = { getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (handler: unknown) => {
        state.permissionHandler = handler;
      },
    },
  };
  const shell = { showItemInFolder: () => undefined, openExternal: () => Promise.resolve() };
  const electron = { app, BrowserWindow, ipcMain, dialog, Menu, screen, session, shell };
  return { ...electron, default: electron };
});

let dir: string;
let dataFile: string;
let rendererUrl: string;
const savedEnv: Record<string, string | undefined> = {};

/** The app's own page, in its top frame. */
const trusted = () => ({ senderFrame: { url: rendererUrl, parent: null } });

async function call<T = unknown>(method: string, input: unknown, event: unknown = trusted()): Promise<ApiResult<T>> {
  const handler = fake.state.ipcHandlers.get(`${IPC_CHANNEL_PREFIX}${method}`) as Handler | undefined;
  if (!handler) throw new Error(`no handler for ${method}`);
  return (await handler(event, input)) as ApiResult<T>;
}

const window = () => fake.state.windows[0]!;

beforeAll(async () => {
  dir = await makeTempDir('apt-main-');
  fake.state.userData = dir;
  fake.state.appPath = resolve('.');
  dataFile = join(dir, DATA_FILE_NAME);
  for (const name of ['ELECTRON_RENDERER_URL', DATA_FILE_ENV]) {
    savedEnv[name] = process.env[name];
    delete process.env[name];
  }
  await import('../../electron/main/index');
  // start() runs once app.whenReady() resolves, and ends by loading the page.
  await vi.waitFor(
    () => {
      if (fake.state.errorBoxes.length > 0) throw new Error(`the shell failed to start: ${JSON.stringify(fake.state.errorBoxes)}`);
      if (fake.state.loaded === null) throw new Error('not started yet');
    },
    { timeout: 20_000, interval: 20 },
  );
  rendererUrl = fake.state.loaded!;
}, 30_000);

afterAll(async () => {
  // Quitting closes the plan (releasing its lock) before the app exits.
  const beforeQuit = (fake.state.appListeners.get('before-quit') ?? []) as AnyFn[];
  const preventDefault = vi.fn();
  for (const listener of beforeQuit) listener({ preventDefault });
  if (beforeQuit.length > 0) await vi.waitFor(() => expect(fake.state.exited).toBe(1), { timeout: 10_000 });
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await removeDir(dir);
});

describe('starting the shell', () => {
  it('starts without an error box and loads the built renderer page from file://', () => {
    expect(fake.state.errorBoxes).toEqual([]);
    expect(rendererUrl).toBe(pathToFileURL(resolve('electron/renderer/index.html')).href);
  });

  it('opens the plan in the user data folder (the demo plan, since none existed)', async () => {
    const onDisk = JSON.parse(await readFile(dataFile, 'utf8')) as PlanDocument;
    expect(onDisk.actions.length).toBeGreaterThan(0);
  });
});

describe('IPC registration', () => {
  it('registers exactly one ipcMain.handle per API method, on plan:<method>', () => {
    expect(fake.state.handleCalls).toHaveLength(API_METHODS.length);
    expect([...fake.state.handleCalls].sort()).toEqual(API_METHODS.map((method) => `${IPC_CHANNEL_PREFIX}${method}`).sort());
  });

  it('answers the app page in its top frame', async () => {
    const result = await call<{ document: PlanDocument }>('getState', {});
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.document?.actions.length).toBeGreaterThan(0);
  });

  const untrustedSenders: [string, () => unknown][] = [
    ['a page from the web', () => ({ senderFrame: { url: 'https://evil.example/', parent: null } })],
    ['the app page inside a subframe', () => ({ senderFrame: { url: rendererUrl, parent: { url: 'https://evil.example/' } } })],
    ['another file:// page', () => ({ senderFrame: { url: 'file:///tmp/evil.html', parent: null } })],
    ['a frame that is gone', () => ({ senderFrame: null })],
    ['a malformed url', () => ({ senderFrame: { url: 'not a url', parent: null } })],
  ];

  it.each(untrustedSenders)('refuses %s with {ok:false}, and the call never reaches the store', async (_name, sender) => {
    const event = sender();
    const before = await readFile(dataFile);
    const doc = (await call<{ document: PlanDocument }>('getState', {})) as { ok: true; value: { document: PlanDocument } };
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
    const after = (await call<{ document: PlanDocument }>('getState', {})) as { ok: true; value: { document: PlanDocument } };
    expect(after.value.document).toEqual(doc.value.document);
  });

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

describe('the main window', () => {
  it('is created once, hidden until ready, with the security options', () => {
    expect(fake.state.windows).toHaveLength(1);
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
    const handler = fake.state.permissionHandler as ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null;
    expect(handler).toBeTypeOf('function');
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      handler!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
  });

  it('sends the page nothing but menu commands', () => {
    for (const [channel] of window().webContents.sent) expect(channel).toBe(MENU_CHANNEL);
  });
});
