import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  APP_NAME,
  DATA_FILE_ENV,
  DATA_FILE_NAME,
  conventionalUserDataDir,
  resolveDataFile,
} from '../../../../../electron/core/dataLocation';

const USER_DATA = '/home/ann/.config/Action Plan Tracker';
const ENV = { [DATA_FILE_ENV]: '/srv/env-plan.json' };

describe('resolveDataFile', () => {
  it('uses action-plan.json in the userData folder by default', () => {
    expect(resolveDataFile({ argv: [], env: {}, userDataDir: USER_DATA })).toBe(join(USER_DATA, DATA_FILE_NAME));
    expect(DATA_FILE_NAME).toBe('action-plan.json');
  });

  it('prefers the ACTION_PLAN_DATA_FILE environment variable over the userData default', () => {
    expect(DATA_FILE_ENV).toBe('ACTION_PLAN_DATA_FILE');
    expect(resolveDataFile({ argv: [], env: ENV, userDataDir: USER_DATA })).toBe('/srv/env-plan.json');
  });

  it('prefers --data-file=path over the environment', () => {
    const argv = ['electron', '.', '--data-file=/tmp/flag-plan.json'];
    expect(resolveDataFile({ argv, env: ENV, userDataDir: USER_DATA })).toBe('/tmp/flag-plan.json');
  });

  it('prefers "--data-file path" over the environment', () => {
    const argv = ['electron', '.', '--data-file', '/tmp/flag-plan.json', '--other'];
    expect(resolveDataFile({ argv, env: ENV, userDataDir: USER_DATA })).toBe('/tmp/flag-plan.json');
  });

  it('resolves a relative path against the working directory', () => {
    expect(resolveDataFile({ argv: ['--data-file=plans/mine.json'], env: {}, userDataDir: USER_DATA })).toBe(
      resolve('plans/mine.json'),
    );
    expect(resolveDataFile({ argv: [], env: { [DATA_FILE_ENV]: 'env.json' }, userDataDir: USER_DATA })).toBe(
      resolve('env.json'),
    );
  });

  it('keeps a path with spaces and "=" whole', () => {
    expect(resolveDataFile({ argv: ['--data-file=/tmp/My Plans/a=b.json'], env: {}, userDataDir: USER_DATA })).toBe(
      '/tmp/My Plans/a=b.json',
    );
  });

  it('falls back when the flag has no value or the variable is empty', () => {
    expect(resolveDataFile({ argv: ['--data-file'], env: ENV, userDataDir: USER_DATA })).toBe('/srv/env-plan.json');
    expect(resolveDataFile({ argv: ['--data-file='], env: {}, userDataDir: USER_DATA })).toBe(
      join(USER_DATA, DATA_FILE_NAME),
    );
    expect(resolveDataFile({ argv: [], env: { [DATA_FILE_ENV]: '' }, userDataDir: USER_DATA })).toBe(
      join(USER_DATA, DATA_FILE_NAME),
    );
  });

  it('uses the first --data-file flag given', () => {
    const argv = ['--data-file=/tmp/first.json', '--data-file', '/tmp/second.json'];
    expect(resolveDataFile({ argv, env: {}, userDataDir: USER_DATA })).toBe('/tmp/first.json');
  });

  it('ignores look-alike flags', () => {
    expect(resolveDataFile({ argv: ['--data-files=/tmp/x.json'], env: {}, userDataDir: USER_DATA })).toBe(
      join(USER_DATA, DATA_FILE_NAME),
    );
  });
});

describe('conventionalUserDataDir', () => {
  it('uses %APPDATA% on Windows', () => {
    const appData = 'C:\\Users\\ann\\AppData\\Roaming';
    expect(conventionalUserDataDir('win32', { APPDATA: appData }, 'C:\\Users\\ann')).toBe(join(appData, APP_NAME));
  });

  it('falls back to AppData\\Roaming under home on Windows without APPDATA', () => {
    expect(conventionalUserDataDir('win32', {}, '/home/ann')).toBe(join('/home/ann', 'AppData', 'Roaming', APP_NAME));
  });

  it('uses Library/Application Support on macOS', () => {
    expect(conventionalUserDataDir('darwin', { XDG_CONFIG_HOME: '/ignored' }, '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/Action Plan Tracker',
    );
  });

  it('uses $XDG_CONFIG_HOME, else ~/.config, on Linux', () => {
    expect(conventionalUserDataDir('linux', { XDG_CONFIG_HOME: '/home/ann/cfg' }, '/home/ann')).toBe(
      '/home/ann/cfg/Action Plan Tracker',
    );
    expect(conventionalUserDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.config/Action Plan Tracker');
  });

  it("names the same folder Electron's userData uses (package.json productName, else name)", () => {
    // Electron sets app.name from package.json's productName, falling back to name, and derives userData from
    // it. If they differ, the desktop app and the browser harness read different default data files.
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../../../../package.json'), 'utf8')) as {
      name: string;
      productName?: string;
    };
    expect(pkg.productName ?? pkg.name).toBe(APP_NAME);
  });
});
