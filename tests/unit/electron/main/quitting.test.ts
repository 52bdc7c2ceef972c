/**
 * Closing and quitting the desktop shell, without Electron: electron/main/index.ts against a fake Electron.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { join, resolve } from 'node:path';
import { DATA_FILE_ENV, DATA_FILE_NAME } from '../../../../electron/core/dataLocation';
import { REFUSED_EDITS_DIALOG } from '../../../../electron/main/refusedEdits';
import { makeTempDir, removeDir } from '../../../support/fixtures';
import { fake, startShell } from '../../../support/fakeElectron';

vi.mock('electron', () => import('../../../support/fakeElectron'));

type Listener = (event: { preventDefault: () => void }) => void;

let dir: string;
const savedEnv: Record<string, string | undefined> = {};
const window = () => fake.windows[0]!;
const listenersOf = (map: Map<string, unknown[]>, name: string) => (map.get(name) ?? []) as Listener[];

beforeAll(async () => {
  dir = await makeTempDir('apt-quit-');
  fake.userData = dir;
  fake.appPath = resolve('.');
  for (const name of ['ELECTRON_RENDERER_URL', DATA_FILE_ENV]) savedEnv[name] = process.env[name];
  delete process.env.ELECTRON_RENDERER_URL;
  process.env[DATA_FILE_ENV] = join(dir, DATA_FILE_NAME);
  await startShell();
}, 30_000);

afterAll(async () => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await removeDir(dir);
});

describe('a page holding edits the file refused, when its window closes', () => {
  const unload = () => listenersOf(window().webContents.listeners, 'will-prevent-unload');

  it('asks, and stays when the person chooses to stay (the default)', () => {
    expect(unload()).toHaveLength(1);
    fake.messageBoxAnswer = 0;
    const preventDefault = vi.fn();
    unload()[0]!({ preventDefault });
    expect(fake.messageBoxes.at(-1)).toEqual(REFUSED_EDITS_DIALOG);
    expect(REFUSED_EDITS_DIALOG.defaultId).toBe(0);
    expect(REFUSED_EDITS_DIALOG.cancelId).toBe(0);
    expect(preventDefault).not.toHaveBeenCalled();
  });

  it('closes when the person chooses to lose them', () => {
    fake.messageBoxAnswer = 1;
    const preventDefault = vi.fn();
    unload()[0]!({ preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
  });
});

describe('quitting', () => {
  it('closes the window first, so its page can ask to stay, then closes the plan and exits once', async () => {
    const preventDefault = vi.fn();
    for (const listener of listenersOf(fake.appListeners, 'before-quit')) listener({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(window().isDestroyed()).toBe(true);
    await vi.waitFor(() => expect(fake.exited).toBe(1), { timeout: 10_000 });
    expect(fake.quit).toBe(1);
  });

  it('exits without closing a window again when the window has gone', async () => {
    for (const listener of listenersOf(fake.appListeners, 'before-quit')) listener({ preventDefault: vi.fn() });
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    expect(fake.exited).toBe(1);
  });
});
