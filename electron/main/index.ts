import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userInfo } from 'node:os';
import { API_METHODS, IPC_CHANNEL_PREFIX } from '../../shared/api/methods';
import { MENU_CHANNEL } from '../../shared/api/menuCommands';
import type { MenuCommand } from '../../shared/api/menuCommands';
import { createHandlers } from '../core/handlers';
import { DESKTOP_STORE_OPTIONS, PlanStore } from '../core/planStore';
import { demoDocument } from '../core/demoPlan';
import { PREFERENCES_FILE_NAME, resolveDataFile } from '../core/dataLocation';
import { PreferencesStore } from '../core/preferencesStore';
import { loadFirstScreen, pageWithFirstScreen } from '../core/firstScreen';
import { mainWindowOptions } from './windowOptions';
import { isTrustedSender } from './ipcGuard';
import { buildMenuTemplate } from './menuTemplate';
import { restorableBounds } from './windowBounds';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, rendererPageUrl, serveRendererFile } from './appProtocol';
import { mayCloseWithRefusedEdits } from './refusedEdits';

const here = dirname(fileURLToPath(import.meta.url));
const rendererUrl = rendererPageUrl(app.isPackaged, process.env);
// Chromium fixes each scheme's privileges at start-up: this must run before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

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
    // Windows and macOS always ask before replacing a file; Linux only when told to.
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  });
  return result.canceled ? null : result.filePath;
}

async function pickExportFolder(): Promise<string | null> {
  const result = await dialog.showOpenDialog({
    title: 'Choose where to save the board paper',
    properties: ['openDirectory', 'createDirectory'],
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** The API handlers plus what only the shell may call (closing the plan, opening a recent one). */
type ShellHandlers = ReturnType<typeof createHandlers>;

function installMenu(window: BrowserWindow, handlers: ShellHandlers, preferences: PreferencesStore): void {
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
        openRecent: (path) => void afterOpen(handlers.openRecent(path)),
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
    // Every path comes from these dialogs or from lists this process made, never from the page.
    acceptsPathsFromPage: false,
    pickDataFile,
    pickSavePath,
    pickExportFolder,
    revealFile: (path) => shell.showItemInFolder(path),
  });

  // Loaded while the window starts (React's server renderer and the schemas take about 0.2 s), not before.
  const firstScreen = loadFirstScreen(join(here, 'firstScreen.js'));
  protocol.handle(APP_SCHEME, (request) =>
    serveRendererFile(join(here, '../renderer'), request, (page) => pageWithFirstScreen(page, handlers, firstScreen)),
  );

  for (const method of API_METHODS) {
    ipcMain.handle(`${IPC_CHANNEL_PREFIX}${method}`, (event, input: unknown) => {
      if (!isTrustedSender(event, rendererUrl)) {
        return {
          ok: false,
          error: { code: 'internal', message: 'Refused: request from an untrusted frame.', problems: [] },
        };
      }
      return handlers[method](input);
    });
  }

  // The app needs no permission at all: refuse requests, and answer "no" when a page only checks.
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // Spelling is checked nowhere, so no dictionary is ever downloaded from the internet.
  session.defaultSession.setSpellCheckerEnabled(false);
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
  // The page asks to stay (beforeunload) while it holds edits the file refused: the person decides.
  window.webContents.on('will-prevent-unload', (event) => {
    if (mayCloseWithRefusedEdits((options) => dialog.showMessageBoxSync(window, options))) event.preventDefault();
  });
  installMenu(window, handlers, preferences);
  let quitting = false;
  app.on('before-quit', (event) => {
    event.preventDefault();
    // The window closes first, so a page holding refused edits can ask to stay; once it has closed, the app
    // quits again (window-all-closed) and carries on here.
    if (!window.isDestroyed()) return window.close();
    if (quitting) return;
    quitting = true;
    // Quitting waits for queued saves (then releases the lock) and for the window position to be kept.
    void Promise.allSettled([savingBounds, handlers.close()]).finally(() => app.exit());
  });
  await window.loadURL(rendererUrl);
}

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    dialog.showErrorBox('Action Plan Tracker could not start', error instanceof Error ? error.message : String(error));
    app.quit();
  });
app.on('window-all-closed', () => app.quit());
