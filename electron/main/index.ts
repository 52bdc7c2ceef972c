import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { userInfo } from 'node:os';
import { API_METHODS, IPC_CHANNEL_PREFIX } from '../../shared/api/methods';
import { createHandlers } from '../core/handlers';
import { PlanStore } from '../core/planStore';
import { demoDocument } from '../core/demoPlan';
import { PREFERENCES_FILE_NAME, resolveDataFile } from '../core/dataLocation';
import { PreferencesStore } from '../core/preferencesStore';
import { mainWindowOptions } from './windowOptions';
import { isTrustedSender } from './ipcGuard';

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

async function start(): Promise<void> {
  const dataFile = resolveDataFile({ argv: process.argv, env: process.env, userDataDir: app.getPath('userData') });
  const store = await PlanStore.open(dataFile, demoDocument);
  const preferences = new PreferencesStore(join(app.getPath('userData'), PREFERENCES_FILE_NAME));
  const handlers = createHandlers({ store, demoDocument, user: userInfo().username, preferences, pickDataFile });

  for (const method of API_METHODS) {
    ipcMain.handle(`${IPC_CHANNEL_PREFIX}${method}`, (event, input: unknown) => {
      if (!isTrustedSender(event, rendererUrl)) {
        return { ok: false, error: { code: 'internal', message: 'Refused: request from an untrusted frame.', problems: [] } };
      }
      return handlers[method](input);
    });
  }

  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  const window = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs')));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(rendererUrl);
}

app.whenReady().then(start).catch((error: unknown) => {
  dialog.showErrorBox('Action Plan Tracker could not start', error instanceof Error ? error.message : String(error));
  app.quit();
});
app.on('window-all-closed', () => app.quit());
