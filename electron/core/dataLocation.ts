import { join, resolve } from 'node:path';

export const APP_NAME = 'Action Plan Tracker';
export const DATA_FILE_NAME = 'action-plan.json';
export const DATA_FILE_ENV = 'ACTION_PLAN_DATA_FILE';
export const DATA_FILE_FLAG = '--data-file';
export const PREFERENCES_FILE_NAME = 'preferences.json';

export interface DataLocationInput {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** The per-user folder the app keeps data in (Electron's userData). */
  userDataDir: string;
}

function flagValue(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === DATA_FILE_FLAG) return argv[index + 1];
    if (arg.startsWith(`${DATA_FILE_FLAG}=`)) return arg.slice(DATA_FILE_FLAG.length + 1);
  }
  return undefined;
}

/** Which file holds the plan: the command-line flag wins, then the environment, then the user's data folder. */
export function resolveDataFile({ argv, env, userDataDir }: DataLocationInput): string {
  const chosen = flagValue(argv) || env[DATA_FILE_ENV];
  return chosen ? resolve(chosen) : join(userDataDir, DATA_FILE_NAME);
}

/** Electron's userData folder for this app, for the browser harness, which runs without Electron. */
export function conventionalUserDataDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}
