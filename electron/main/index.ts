import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { userInfo } from 'node:os';
import { API_METHODS, IPC_CHANNEL_PREFIX } from '../../shared/api/methods';
import { MENU_CHANNEL } from '../../shared/api/menuCommands';
import type { MenuCommand } from '../../shared/api/menuCommands';
import { createHandlers } from '../core/handlers';
import type { Handlers } from '../core/handlers';
import { DESKTOP_STORE_OPTIONS, PlanStore } from '../core/planStore';
import { demoDocument } from '../core/demoPlan';
import { PREFERENCES_FILE_NAME, resolveDataFile } from '../core/dataLocation';
import { PreferencesStore } from '../core/preferencesStore';
import { mainWindowOptions } from './windowOptions';
import { isTrustedSender } from './ipcGuard';
import { buildMenuTemplate } from './menuTemplate';
import { restorableBounds } from './windowBounds';

const here = dirname(fileURLToPath(import.meta.url));
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(here, '../renderer/index.html')).href;

async function pickDataFile(): Promise<string | null> {
  const result = await dialog.showOpenDialog({
    title: 'Open an action plan',
    properties: ['openFile'],
    filters: [{ name: 'Action plan', extensions: ['json'] }],
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function pickSavePath(suggestedName: string): Promise<string | null> {
  const result = await dialog.showSaveDialog({
    title: 'Save a copy of the plan',
    defaultPath: suggestedName,
    filters: [{ name: 'Action plan', extensions: ['json'] }],
  });
  return result.canceled ? null : (result.filePath ?? null);
}

async function pickExportFolder(): Promise<string | null> {
  const result = await dialog.showOpenDialog({
    title: 'Choose where to save the board paper',
    properties: ['openDirectory', 'createDirectory'],
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

function installMenu(window: BrowserWindow, handlers: Handlers, preferences: PreferencesStore): void {
  const send = (command: MenuCommand) => window.webContents.send(MENU_CHANNEL, command);
  const afterOpen = async (opening: Promise<unknown>) => {
    await opening;
    send('state-changed');
    await refresh();
  };
  const refresh = async () => {
    const { recentFiles } = await preferences.get();
    const template = buildMenuTemplate(
      {
        send,
        newPlan: (preset) => void afterOpen(handlers.newPlan({ preset })),
        openPlan: () => void afterOpen(handlers.openDataFile({})),
        openRecent: (path) => void afterOpen(handlers.openDataFile({ path })),
        saveCopy: () => void handlers.saveCopy({}),
      },
      { isMac: process.platform === 'darwin', isPackaged: app.isPackaged, recentFiles },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  void refresh();
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const dataFile = resolveDataFile({ argv: process.argv, env: process.env, userDataDir: userData });
  const preferences = new PreferencesStore(join(userData, PREFERENCES_FILE_NAME));
  const store = await PlanStore.open(dataFile, demoDocument, DESKTOP_STORE_OPTIONS);
  const handlers = createHandlers({
    store,
    demoDocument,
    user: userInfo().username,
    preferences,
    // Packaged, templates are a resource beside app.asar so an organisation can add its own.
    templatesDir: join(app.isPackaged ? process.resourcesPath : app.getAppPath(), 'templates', 'board-papers'),
    pickDataFile,
    pickSavePath,
    pickExportFolder,
    revealFile: (path) => shell.showItemInFolder(path),
  });

  for (const method of API_METHODS) {
    ipcMain.handle(`${IPC_CHANNEL_PREFIX}${method}`, (event, input: unknown) => {
      if (!isTrustedSender(event, rendererUrl)) {
        return { ok: false, error: { code: 'internal', message: 'Refused: request from an untrusted frame.', problems: [] } };
      }
      return handlers[method](input);
    });
  }

  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  const saved = restorableBounds(
    (await preferences.get()).windowBounds,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({ ...mainWindowOptions(join(here, '../preload/index.cjs')), ...(saved ?? {}) });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  let savingBounds: Promise<unknown> = Promise.resolve();
  window.on('close', () => {
    savingBounds = preferences.update((current) => ({ ...current, windowBounds: window.getNormalBounds() }));
  });
  installMenu(window, handlers, preferences);
  app.once('before-quit', (event) => {
    // Quitting waits for queued saves (then releases the lock) and for the window position to be kept.
    event.preventDefault();
    void Promise.allSettled([savingBounds, handlers.close()]).finally(() => app.exit());
  });
  await window.loadURL(rendererUrl);
}

app.whenReady().then(start).catch((error: unknown) => {
  dialog.showErrorBox('Action Plan Tracker could not start', error instanceof Error ? error.message : String(error));
  app.quit();
});
app.on('window-all-closed', () => app.quit());
