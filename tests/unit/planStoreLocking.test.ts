import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlanStore, StoreConflictError, backupPathFor } from '../../electron/core/planStore';
import { decodePlanFile, encodePlanFile } from '../../electron/core/planFileCodec';
import { lockPathFor, readLock } from '../../electron/core/fileLock';
import { createHandlers } from '../../electron/core/handlers';
import { PreferencesStore } from '../../electron/core/preferencesStore';
import { updateAction } from '../../shared/domain/operations';
import type { PlanDocument } from '../../shared/model/plan';
import { counterIds, fixedContext, listDir, makeDocument, makeTempDir, removeDir } from './fixtures';

const here = dirname(fileURLToPath(import.meta.url));
const LOCKED = { lock: true } as const;
const HOUR = 60 * 60 * 1000;

let dir: string;
let path: string;
const opened: PlanStore[] = [];

beforeEach(async () => {
  dir = await makeTempDir('apt-lock-');
  path = join(dir, 'plan.json');
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  await removeDir(dir);
});

async function openLocked(file = path, options: Parameters<typeof PlanStore.open>[2] = LOCKED): Promise<PlanStore> {
  const store = await PlanStore.open(file, makeDocument, options);
  opened.push(store);
  return store;
}

function edit(status: PlanDocument['actions'][number]['status'] = 'at_risk') {
  return (doc: PlanDocument) => updateAction(doc, 'action-1', { status }, fixedContext()).doc;
}

async function writeLock(info: Record<string, unknown>, mtime?: Date): Promise<void> {
  await writeFile(lockPathFor(path), JSON.stringify(info));
  if (mtime) await utimes(lockPathFor(path), mtime, mtime);
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** The app running in another process: opens the file with the lock and keeps it until told to close. */
function otherInstance(file: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, '../durability/holdLock.ts'), file], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (err += chunk));
  const lineStarting = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = out.split('\n').find((candidate) => candidate.startsWith(prefix));
        if (line !== undefined) resolve(line);
        return line !== undefined;
      };
      if (check()) return;
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        check();
      });
      child.once('close', () => {
        if (!check()) reject(new Error(`other instance ended: ${out} ${err}`));
      });
    });
  const openedLine = lineStarting('opened ');
  return {
    pid: child.pid!,
    status: openedLine.then((line) => JSON.parse(line.slice('opened '.length)) as ReturnType<PlanStore['status']>),
    close: async () => {
      const closed = lineStarting('closed');
      child.stdin.write('close\n');
      await closed;
    },
    kill: () => child.kill('SIGKILL'),
  };
}

describe('two instances on one file', () => {
  it('a second process opens read-only, says so, and its edits are refused with a clear message', { timeout: 20_000 }, async () => {
    const first = await openLocked();
    const lock = await readLock(path);
    expect(lock).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(Date.parse(lock!.startedAt)).not.toBeNaN();
    const bytes = await readFile(path);

    const other = otherInstance(path);
    try {
      const status = await other.status;
      expect(status).toMatchObject({ kind: 'ready', createdFromDemo: false, readOnly: { reason: 'locked_elsewhere' } });
      expect(status.readOnly!.message).toContain(`process ${process.pid}`);
      expect(status.readOnly!.message).toContain('read-only');
      expect(status.readOnly!.holder).toMatchObject({ pid: process.pid, hostname: hostname() });
      await other.close();
    } finally {
      other.kill();
    }
    // The read-only instance left the lock and the file alone.
    expect((await readLock(path))?.token).toBe(lock!.token);
    expect(await readFile(path)).toEqual(bytes);
    await first.update(edit());
    expect(decodePlanFile(path, await readFile(path, 'utf8')).actions[0]!.status).toBe('at_risk');
  });

  it('while another process holds the lock, update() rejects and writes nothing', async () => {
    await PlanStore.open(path, makeDocument);
    const bytes = await readFile(path);
    // A live process on this host (our parent, the test runner) holds the lock.
    await writeLock({ pid: process.ppid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'other' });
    const second = await openLocked();
    const status = second.status();
    expect(status).toMatchObject({ kind: 'ready', readOnly: { reason: 'locked_elsewhere', holder: { pid: process.ppid } } });
    expect(second.document()).toEqual(makeDocument());

    const attempt = second.update(edit());
    await expect(attempt).rejects.toBeInstanceOf(StoreConflictError);
    await expect(second.update(edit())).rejects.toThrow(/Not saved: .*plan\.json is open in Action Plan Tracker on .*process \d+.*read-only/);
    expect(await readFile(path)).toEqual(bytes);
    expect(existsSync(backupPathFor(path))).toBe(false);
    expect((await readLock(path))?.token).toBe('other');
  });

  it('the read-only refusal reaches the UI as a conflict with the message', async () => {
    await PlanStore.open(path, makeDocument);
    await writeLock({ pid: process.ppid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'other' });
    const store = await openLocked();
    const preferences = new PreferencesStore(join(dir, 'preferences.json'));
    const handlers = createHandlers({
      store,
      demoDocument: makeDocument,
      user: 'Test User',
      newId: counterIds(),
      preferences,
      templatesDir: resolve('templates/board-papers'),
    });
    const result = await handlers.updateAction({ id: 'action-1', changes: { status: 'complete' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!result.ok) expect(result.error.message).toContain('read-only');
  });

  it('a read-only store takes the lock on reload() once the other instance has closed', { timeout: 20_000 }, async () => {
    await PlanStore.open(path, makeDocument);
    const other = otherInstance(path);
    try {
      expect((await other.status).readOnly).toBeUndefined();
      const second = await openLocked();
      expect(second.status().readOnly?.reason).toBe('locked_elsewhere');
      expect((await second.reload()).readOnly?.reason).toBe('locked_elsewhere');
      await other.close();
      expect(existsSync(lockPathFor(path))).toBe(false);
      const status = await second.reload();
      expect(status.readOnly).toBeUndefined();
      await second.update(edit('complete'));
      expect(await readLock(path)).toMatchObject({ pid: process.pid });
    } finally {
      other.kill();
    }
  });

  it('two stores in one process share the lock (one app, e.g. after openDataFile)', async () => {
    const a = await openLocked();
    const b = await openLocked();
    expect(a.status().readOnly).toBeUndefined();
    expect(b.status().readOnly).toBeUndefined();
    await a.close();
    expect(existsSync(lockPathFor(path))).toBe(true);
    await b.close();
    expect(existsSync(lockPathFor(path))).toBe(false);
  });
});

describe('stale locks', () => {
  it('a lock whose process is dead on this host is taken over', async () => {
    await PlanStore.open(path, makeDocument);
    const pid = await deadPid();
    await writeLock({ pid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'dead' });
    const store = await openLocked();
    expect(store.status()).toMatchObject({ kind: 'ready' });
    expect(store.status().readOnly).toBeUndefined();
    expect(await readLock(path)).toMatchObject({ pid: process.pid, hostname: hostname() });
    await store.update(edit());
    expect(await listDir(dir)).toEqual(['plan.backup.json', 'plan.json', 'plan.json.lock']);
  });

  it('a lock from another host is stale only once it is older than staleAfterMs', async () => {
    await PlanStore.open(path, makeDocument);
    const recent = new Date(Date.now() - 2 * HOUR);
    await writeLock({ pid: 1, hostname: 'far-away', startedAt: recent.toISOString(), token: 'far' }, recent);
    const blocked = await openLocked(path, { lock: { staleAfterMs: 12 * HOUR } });
    expect(blocked.status().readOnly).toMatchObject({ reason: 'locked_elsewhere', holder: { hostname: 'far-away' } });

    const old = new Date(Date.now() - 13 * HOUR);
    await writeLock({ pid: 1, hostname: 'far-away', startedAt: old.toISOString(), token: 'far' }, old);
    const store = await openLocked(path, { lock: { staleAfterMs: 12 * HOUR } });
    expect(store.status().readOnly).toBeUndefined();
    expect((await readLock(path))?.pid).toBe(process.pid);
  });

  it('a lock from another host that is still refreshed (recent mtime) is not stale, whatever its start time', async () => {
    await PlanStore.open(path, makeDocument);
    await writeLock({ pid: 1, hostname: 'far-away', startedAt: new Date(Date.now() - 48 * HOUR).toISOString(), token: 'far' });
    const store = await openLocked();
    expect(store.status().readOnly?.reason).toBe('locked_elsewhere');
  });

  it('an unreadable lock is taken over only once it is a minute old', async () => {
    await PlanStore.open(path, makeDocument);
    await writeFile(lockPathFor(path), '');
    expect((await openLocked()).status().readOnly?.reason).toBe('locked_elsewhere');
    const old = new Date(Date.now() - 5 * 60 * 1000);
    await utimes(lockPathFor(path), old, old);
    expect((await openLocked()).status().readOnly).toBeUndefined();
  });

  it('a store whose lock was taken over meanwhile stops writing (lock_lost)', async () => {
    const store = await openLocked();
    const bytes = await readFile(path);
    await writeLock({ pid: process.ppid, hostname: 'elsewhere', startedAt: new Date().toISOString(), token: 'thief' });
    await expect(store.update(edit())).rejects.toThrow(/Not saved: .*locked by another instance/);
    expect(store.status().readOnly?.reason).toBe('lock_lost');
    expect(await readFile(path)).toEqual(bytes);
    await store.close();
    // Closing must not delete a lock that is no longer ours.
    expect((await readLock(path))?.token).toBe('thief');
  });
});

describe('external change before a write', () => {
  it('is detected, nothing is overwritten, and the store reloads the external version', async () => {
    const store = await openLocked();
    const external = updateAction(makeDocument(), 'action-2', { status: 'complete' }, fixedContext({ idPrefix: 'ext' })).doc;
    const externalBytes = Buffer.from(encodePlanFile(external), 'utf8');
    await writeFile(path, externalBytes);

    const attempt = store.update(edit());
    await expect(attempt).rejects.toBeInstanceOf(StoreConflictError);
    await expect(attempt).rejects.toThrow(/Your change was not saved: .*plan\.json was changed by another program.*reloaded/);
    expect(await readFile(path)).toEqual(externalBytes);
    expect(existsSync(backupPathFor(path))).toBe(false);
    expect(store.document()).toEqual(external);

    // Made again on the reloaded plan, the edit goes through and keeps the external change.
    await store.update(edit());
    const onDisk = decodePlanFile(path, await readFile(path, 'utf8'));
    expect(onDisk.actions.map((action) => action.status)).toEqual(['at_risk', 'complete', 'not_started', 'complete']);
    expect(await readFile(backupPathFor(path))).toEqual(externalBytes);
  });

  it('works without the lock too (another program saving the file)', async () => {
    const store = await PlanStore.open(path, makeDocument);
    await writeFile(path, encodePlanFile({ ...makeDocument(), people: [] }));
    const bytes = await readFile(path);
    await expect(store.update(edit())).rejects.toMatchObject({ code: 'conflict', kind: 'changed_on_disk' });
    expect(await readFile(path)).toEqual(bytes);
  });

  it('an external change to something unreadable leaves those bytes and the store refuses the file', async () => {
    const store = await openLocked();
    await writeFile(path, '{"half a plan');
    await expect(store.update(edit())).rejects.toThrow(/cannot be opened either/);
    expect(await readFile(path, 'utf8')).toBe('{"half a plan');
    expect(store.status()).toMatchObject({ kind: 'failed', reason: 'invalid_json' });
    await expect(store.update(edit())).rejects.toMatchObject({ reason: 'invalid_json' });
    expect(await readFile(path, 'utf8')).toBe('{"half a plan');
  });

  it('a touch that leaves the content alone is not a change', async () => {
    const store = await openLocked();
    const later = new Date(Date.now() + 60_000);
    await utimes(path, later, later);
    await store.update(edit());
    expect(decodePlanFile(path, await readFile(path, 'utf8')).actions[0]!.status).toBe('at_risk');
  });

  it('a file deleted meanwhile is written again (nothing on disk to lose)', async () => {
    const store = await openLocked();
    await rm(path);
    await store.update(edit());
    expect(decodePlanFile(path, await readFile(path, 'utf8')).actions[0]!.status).toBe('at_risk');
  });
});

describe('close', () => {
  it('releases the lock, and the closed store writes nothing', async () => {
    const store = await openLocked();
    expect(existsSync(lockPathFor(path))).toBe(true);
    await store.update(edit());
    const bytes = await readFile(path);
    await store.close();
    expect(existsSync(lockPathFor(path))).toBe(false);
    expect(store.status().readOnly?.reason).toBe('closed');
    await expect(store.update(edit('complete'))).rejects.toThrow(/closed/);
    expect(await readFile(path)).toEqual(bytes);
    await store.close();

    const next = await openLocked();
    expect(next.status().readOnly).toBeUndefined();
  });

  it('waits for queued edits before releasing', async () => {
    const store = await openLocked();
    const edits = [store.update(edit('at_risk')), store.update(edit('complete'))];
    await store.close();
    await Promise.all(edits);
    expect(decodePlanFile(path, await readFile(path, 'utf8')).actions[0]!.status).toBe('complete');
    expect(existsSync(lockPathFor(path))).toBe(false);
  });
});
