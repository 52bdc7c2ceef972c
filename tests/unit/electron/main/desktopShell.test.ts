import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { IPC_CHANNEL_PREFIX } from '../../../../shared/api/methods';
import { DATA_FILE_ENV } from '../../../../electron/core/dataLocation';
import { fake, startShell } from '../../../support/fakeElectron';
import { makeTempDir, removeDir } from '../../../support/fixtures';
import { resolve } from 'node:path';
import { buildMenuTemplate } from '../../../../electron/main/menuTemplate';
import { restorableBounds } from '../../../../electron/main/windowBounds';

// Only the packaged start-up below imports the shell; the menu and bounds tests use pure functions.
vi.mock('electron', () => import('../../../support/fakeElectron'));

function actions() {
  return { send: vi.fn(), newPlan: vi.fn(), openPlan: vi.fn(), openRecent: vi.fn(), saveCopy: vi.fn() };
}

function item(menu: MenuItemConstructorOptions[], ...labels: string[]): MenuItemConstructorOptions {
  let items = menu;
  let found: MenuItemConstructorOptions | undefined;
  for (const label of labels) {
    found = items.find((candidate) => candidate.label === label);
    if (!found) throw new Error(`No menu item ${labels.join(' > ')}`);
    items = (found.submenu as MenuItemConstructorOptions[] | undefined) ?? [];
  }
  return found!;
}

const click = (entry: MenuItemConstructorOptions) => (entry.click as unknown as () => void)();

describe('application menu', () => {
  it('has File, Edit and View with the desktop conventions', () => {
    const menu = buildMenuTemplate(actions(), { isMac: false, isPackaged: true, recentFiles: [] });
    expect(menu.map((entry) => entry.label)).toEqual(['&File', '&Edit', '&View']);
    expect(item(menu, '&File', 'Open plan…').accelerator).toBe('CmdOrCtrl+O');
    expect(item(menu, '&File', 'New plan…').accelerator).toBe('CmdOrCtrl+N');
    expect(item(menu, '&Edit', 'Find action…').accelerator).toBe('CmdOrCtrl+K');
    expect(item(menu, '&File', 'Open recent', 'No recent plans').enabled).toBe(false);
  });

  it('lists recent files and opens the one chosen', () => {
    const calls = actions();
    const menu = buildMenuTemplate(calls, {
      isMac: false,
      isPackaged: true,
      recentFiles: ['/plans/a.json', '/plans/b.json'],
    });
    click(item(menu, '&File', 'Open recent', '/plans/b.json'));
    expect(calls.openRecent).toHaveBeenCalledWith('/plans/b.json');
  });

  it('sends commands to the page for views, board papers and plan undo', () => {
    const calls = actions();
    const menu = buildMenuTemplate(calls, { isMac: false, isPackaged: true, recentFiles: [] });
    click(item(menu, '&View', 'Before the board'));
    click(item(menu, '&File', 'Prepare board paper…'));
    click(item(menu, '&Edit', 'Undo last change to the plan'));
    click(item(menu, '&File', 'Restore from backup…'));
    expect(calls.send.mock.calls.map(([command]) => command)).toEqual([
      'view-before-board',
      'prepare-board-paper',
      'undo-change',
      'view-settings',
    ]);
  });

  it('offers developer tools only in an unpackaged build', () => {
    const roles = (isPackaged: boolean) =>
      (
        item(buildMenuTemplate(actions(), { isMac: false, isPackaged, recentFiles: [] }), '&View')
          .submenu as MenuItemConstructorOptions[]
      ).map((entry) => entry.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });
});

describe('remembered window position', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1080 };

  it('restores a window that is on a screen', () => {
    const saved = { x: 100, y: 80, width: 1200, height: 800 };
    expect(restorableBounds(saved, [screen])).toEqual(saved);
  });

  it('drops a window left on a monitor that is no longer there', () => {
    expect(restorableBounds({ x: 2200, y: 100, width: 1200, height: 800 }, [screen])).toBeNull();
  });

  it('counts a window spread over two screens as visible', () => {
    const saved = { x: 1500, y: 100, width: 1000, height: 700 };
    expect(restorableBounds(saved, [screen, { x: 1920, y: 0, width: 1920, height: 1080 }])).toEqual(saved);
  });

  it('has nothing to restore on first start', () => {
    expect(restorableBounds(null, [screen])).toBeNull();
  });
});

describe('the packaged app', () => {
  const DEV_SERVER = 'http://127.0.0.1:5173/';
  const saved: Record<string, string | undefined> = {};
  let loaded: string;

  beforeAll(async () => {
    fake.userData = await makeTempDir('apt-packaged-');
    fake.isPackaged = true;
    // Electron sets this for a packaged app: the folder beside app.asar holding the board-paper templates.
    (process as { resourcesPath?: string }).resourcesPath = resolve('.');
    for (const name of ['ELECTRON_RENDERER_URL', DATA_FILE_ENV]) saved[name] = process.env[name];
    delete process.env[DATA_FILE_ENV];
    // Someone who can set a variable for the packaged app tries to give their page the bridge.
    process.env.ELECTRON_RENDERER_URL = DEV_SERVER;
    loaded = await startShell();
  }, 30_000);

  afterAll(async () => {
    for (const listener of (fake.appListeners.get('before-quit') ?? []) as ((event: unknown) => void)[])
      listener({ preventDefault: vi.fn() });
    await vi.waitFor(() => expect(fake.exited).toBe(1), { timeout: 10_000 });
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    delete (process as { resourcesPath?: string }).resourcesPath;
    await removeDir(fake.userData);
  });

  it('ignores ELECTRON_RENDERER_URL and loads its own page through app://', () => {
    expect(loaded).toBe('app://renderer/index.html');
  });

  it('answers no call from the page that variable named', async () => {
    const handler = fake.ipcHandlers.get(`${IPC_CHANNEL_PREFIX}getState`) as (
      event: unknown,
      input: unknown,
    ) => Promise<{ ok: boolean }>;
    expect((await handler({ senderFrame: { url: DEV_SERVER, parent: null } }, {})).ok).toBe(false);
    expect((await handler({ senderFrame: { url: loaded, parent: null } }, {})).ok).toBe(true);
  });
});
