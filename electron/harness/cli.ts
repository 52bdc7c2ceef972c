import { homedir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { createHandlers } from '../core/handlers';
import { DESKTOP_STORE_OPTIONS, PlanStore } from '../core/planStore';
import { demoDocument } from '../core/demoPlan';
import { conventionalUserDataDir, PREFERENCES_FILE_NAME, resolveDataFile } from '../core/dataLocation';
import { PreferencesStore } from '../core/preferencesStore';
import { startHarness } from './server';

/** `npm run harness`: the app's UI in any browser, over the same handlers the desktop app uses. */
async function main(): Promise<void> {
  const userDataDir = conventionalUserDataDir(process.platform, process.env, homedir());
  const dataFile = resolveDataFile({ argv: process.argv.slice(2), env: process.env, userDataDir });
  const portArg = process.argv.find((arg) => arg.startsWith('--port='));
  const store = await PlanStore.open(dataFile, demoDocument, DESKTOP_STORE_OPTIONS);
  const preferences = new PreferencesStore(join(userDataDir, PREFERENCES_FILE_NAME));
  const handlers = createHandlers({
    store,
    demoDocument,
    user: userInfo().username,
    preferences,
    templatesDir: resolve('templates/board-papers'),
    // A development and test tool with no file dialogs: the page types the paths.
    acceptsPathsFromPage: true,
  });
  const harness = await startHarness({
    handlers,
    rendererDir: resolve('out/renderer'),
    port: portArg ? Number(portArg.slice('--port='.length)) : 0,
  });
  // Stopped with Ctrl+C or a service manager's SIGTERM, it lets queued saves finish and gives up its lock,
  // so the plan does not open read-only next time.
  const stop = async () => {
    await harness.close();
    await handlers.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  console.log(`Action Plan Tracker (browser harness) at ${harness.url}`);
  console.log(`Data file: ${dataFile}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
