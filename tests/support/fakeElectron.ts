/**
 * A stand-in for the `electron` module, enough for electron/main/index.ts to start under Node: each test
 * file mocks `electron` with it (`vi.mock('electron', () => import('./fakeElectron'))`), then drives what
 * the shell registered (IPC handlers, the app:// protocol, window listeners) and reads what it set.
 */
import { vi } from 'vitest';

type Listeners = Map<string, unknown[]>;

const add = (map: Listeners, name: string, listener: unknown) => map.set(name, [...(map.get(name) ?? []), listener]);

export const fake = {
  userData: '',
  appPath: '',
  isPackaged: false,
  /** True once app.whenReady() has resolved: privileged schemes must be registered before. */
  ready: false,
  ipcHandlers: new Map<string, unknown>(),
  handleCalls: [] as string[],
  windows: [] as BrowserWindow[],
  appListeners: new Map<string, unknown[]>(),
  permissionHandler: null as unknown,
  permissionCheckHandler: null as unknown,
  spellCheckerEnabled: null as boolean | null,
  privilegedSchemes: [] as { schemes: unknown; beforeReady: boolean }[],
  protocolHandlers: new Map<string, unknown>(),
  saveDialogs: [] as unknown[],
  messageBoxes: [] as unknown[],
  /** The button the person picks in the next message box. */
  messageBoxAnswer: 0,
  loaded: null as string | null,
  errorBoxes: [] as unknown[][],
  exited: 0,
  quit: 0,
};

export class BrowserWindow {
  options: Record<string, unknown>;
  listeners = new Map<string, unknown[]>();
  shown = 0;
  destroyed = false;
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
    fake.windows.push(this);
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
  /** Closes as a page that does not ask to stay: 'close', then the app's 'window-all-closed'. */
  close() {
    for (const listener of (this.listeners.get('close') ?? []) as (() => void)[]) listener();
    this.destroyed = true;
    for (const listener of (fake.appListeners.get('window-all-closed') ?? []) as (() => void)[]) listener();
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 10, y: 10, width: 1400, height: 900 };
  }
  async loadURL(url: string) {
    fake.loaded = url;
  }
}

export const app = {
  get isPackaged() {
    return fake.isPackaged;
  },
  whenReady: () =>
    Promise.resolve().then(() => {
      fake.ready = true;
    }),
  getPath: (name: string) => {
    if (name !== 'userData') throw new Error(`unexpected app.getPath(${name})`);
    return fake.userData;
  },
  getAppPath: () => fake.appPath,
  on: (name: string, listener: unknown) => add(fake.appListeners, name, listener),
  once: (name: string, listener: unknown) => add(fake.appListeners, name, listener),
  /** As Electron does: 'before-quit', whose listeners may stop it. */
  quit: () => {
    fake.quit += 1;
    for (const listener of (fake.appListeners.get('before-quit') ?? []) as ((event: unknown) => void)[])
      listener({ preventDefault: () => undefined });
  },
  exit: () => {
    fake.exited += 1;
  },
};

export const ipcMain = {
  handle: (channel: string, handler: unknown) => {
    fake.handleCalls.push(channel);
    fake.ipcHandlers.set(channel, handler);
  },
  on: () => {
    throw new Error('the shell must use ipcMain.handle only');
  },
};

export const dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async (options: unknown) => {
    fake.saveDialogs.push(options);
    return { canceled: true };
  },
  showErrorBox: (...args: unknown[]) => fake.errorBoxes.push(args),
  showMessageBoxSync: (_window: unknown, options: unknown) => {
    fake.messageBoxes.push(options);
    return fake.messageBoxAnswer;
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown) => fake.privilegedSchemes.push({ schemes, beforeReady: !fake.ready }),
  handle: (scheme: string, handler: unknown) => fake.protocolHandlers.set(scheme, handler),
};

export const Menu = { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: () => undefined };
export const screen = { getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: unknown) => {
      fake.permissionHandler = handler;
    },
    setPermissionCheckHandler: (handler: unknown) => {
      fake.permissionCheckHandler = handler;
    },
    setSpellCheckerEnabled: (enabled: boolean) => {
      fake.spellCheckerEnabled = enabled;
    },
  },
};
export const shell = { showItemInFolder: () => undefined, openExternal: () => Promise.resolve() };

export default { app, BrowserWindow, ipcMain, dialog, protocol, Menu, screen, session, shell };

/** Imports the shell and waits until it has loaded its page (or failed with an error box). */
export async function startShell(): Promise<string> {
  await import('../../electron/main/index');
  await vi.waitFor(
    () => {
      if (fake.errorBoxes.length > 0) throw new Error(`the shell failed to start: ${JSON.stringify(fake.errorBoxes)}`);
      if (fake.loaded === null) throw new Error('not started yet');
    },
    { timeout: 20_000, interval: 20 },
  );
  return fake.loaded!;
}
