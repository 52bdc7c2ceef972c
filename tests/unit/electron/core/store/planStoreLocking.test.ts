import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlanStore, StoreConflictError, backupPathFor } from '../../../../../electron/core/planStore';
import { decodePlanFile, encodePlanFile } from '../../../../../electron/core/planFileCodec';
import { LOCK_HEARTBEAT_MS, describeHolder, lockPathFor, readLock } from '../../../../../electron/core/fileLock';
import { createHandlers } from '../../../../../electron/core/handlers';
import { PreferencesStore } from '../../../../../electron/core/preferencesStore';
import { updateAction } from '../../../../../shared/domain/operations';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { counterIds, fixedContext, listDir, makeDocument, makeTempDir, removeDir } from '../../../../support/fixtures';

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

/** A live process on this computer that is not the app: it started now, so after any lock dated earlier. */
async function liveStranger(): Promise<{ pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  strangers.push(child);
  return { pid: child.pid!, stop: () => child.kill('SIGKILL') };
}
const strangers: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of strangers.splice(0)) child.kill('SIGKILL');
});

/** Read here, not through the code under test: this boot's id and a process's start (field 22 of its stat). */
async function identityOf(pid: number): Promise<{ bootId: string; startTicks: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    bootId: (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim(),
    startTicks: Number(fields[22 - 3]),
  };
}

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const onLinux = process.platform === 'linux';

/** The app running in another process: opens the file with the lock, saves and closes when told to. */
function otherInstance(file: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, '../../../../durability/holdLock.ts'), file], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let ended = false;
  const waiting: (() => void)[] = [];
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (err += chunk));
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    waiting.forEach((check) => check());
  });
  child.once('close', () => {
    ended = true;
    waiting.forEach((check) => check());
  });
  /** The next line starting with one of the prefixes after the first `skip` lines. */
  const lineAfter = (skip: number, prefixes: string[]) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = out
          .split('\n')
          .slice(skip)
          .find((candidate) => prefixes.some((prefix) => candidate.startsWith(prefix)));
        if (line !== undefined) resolve(line);
        else if (ended) reject(new Error(`other instance ended: ${out} ${err}`));
      };
      waiting.push(check);
      check();
    });
  const command = (line: string, answers: string[]) => {
    const answer = lineAfter(out.split('\n').length - 1, answers);
    child.stdin.write(`${line}\n`);
    return answer;
  };
  return {
    pid: child.pid!,
    status: lineAfter(0, ['opened ']).then(
      (line) => JSON.parse(line.slice('opened '.length)) as ReturnType<PlanStore['status']>,
    ),
    /** Makes an edit there: "saved", or the status it is in after refusing. */
    save: async () => {
      const line = await command('save', ['saved', 'refused ']);
      return line === 'saved'
        ? 'saved'
        : (JSON.parse(line.slice('refused '.length)) as ReturnType<PlanStore['status']>);
    },
    close: async () => {
      await command('close', ['closed']);
    },
    kill: () => child.kill('SIGKILL'),
  };
}

describe('two instances on one file', () => {
  it(
    'a second process opens read-only, says so, and its edits are refused with a clear message',
    { timeout: 20_000 },
    async () => {
      const first = await openLocked();
      const lock = await readLock(path);
      expect(lock).toMatchObject({ pid: process.pid, hostname: hostname() });
      expect(Date.parse(lock!.startedAt)).not.toBeNaN();
      const bytes = await readFile(path);

      const other = otherInstance(path);
      try {
        const status = await other.status;
        expect(status).toMatchObject({
          kind: 'ready',
          createdFromDemo: false,
          readOnly: { reason: 'locked_elsewhere' },
        });
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
    },
  );

  it('while another process holds the lock, update() rejects and writes nothing', async () => {
    await PlanStore.open(path, makeDocument);
    const bytes = await readFile(path);
    // A live process on this host (our parent, the test runner) holds the lock.
    await writeLock({ pid: process.ppid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'other' });
    const second = await openLocked();
    const status = second.status();
    expect(status).toMatchObject({
      kind: 'ready',
      readOnly: { reason: 'locked_elsewhere', holder: { pid: process.ppid } },
    });
    expect(second.document()).toEqual(makeDocument());

    const attempt = second.update(edit());
    await expect(attempt).rejects.toBeInstanceOf(StoreConflictError);
    await expect(second.update(edit())).rejects.toThrow(
      /Not saved: .*plan\.json is open in Action Plan Tracker on .*process \d+.*read-only/,
    );
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

  it(
    'a read-only store takes the lock on reload() once the other instance has closed',
    { timeout: 20_000 },
    async () => {
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
    },
  );

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
    await writeLock({
      pid: 1,
      hostname: 'far-away',
      startedAt: new Date(Date.now() - 48 * HOUR).toISOString(),
      token: 'far',
    });
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
    const external = updateAction(
      makeDocument(),
      'action-2',
      { status: 'complete' },
      fixedContext({ idPrefix: 'ext' }),
    ).doc;
    const externalBytes = Buffer.from(encodePlanFile(external), 'utf8');
    await writeFile(path, externalBytes);

    const attempt = store.update(edit());
    await expect(attempt).rejects.toBeInstanceOf(StoreConflictError);
    await expect(attempt).rejects.toThrow(
      /Your change was not saved: .*plan\.json was changed by another program.*reloaded/,
    );
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

describe('who still holds a lock (pid reuse, heartbeats)', () => {
  it.skipIf(!onLinux)('a lock records the holder process identity: boot id and start time', async () => {
    await openLocked();
    const lock = await readLock(path);
    expect(lock?.process).toEqual(await identityOf(process.pid));
  });

  it.skipIf(!onLinux)(
    'a lock naming a live pid whose process started after the lock was taken is stale (pid reuse)',
    async () => {
      await PlanStore.open(path, makeDocument);
      const stranger = await liveStranger();
      const anHourAgo = new Date(Date.now() - HOUR);
      // As a lock written before the identity was recorded: only its wall-clock start tells the runs apart.
      await writeLock({ pid: stranger.pid, hostname: hostname(), startedAt: anHourAgo.toISOString(), token: 'before' });
      const store = await openLocked();
      expect(store.status().readOnly).toBeUndefined();
      expect(await readLock(path)).toMatchObject({ pid: process.pid });
    },
  );

  it.skipIf(!onLinux)('a lock from an earlier boot is stale even though its pid is alive now', async () => {
    await PlanStore.open(path, makeDocument);
    const stranger = await liveStranger();
    const identity = await identityOf(stranger.pid);
    await writeLock({
      pid: stranger.pid,
      hostname: hostname(),
      startedAt: new Date().toISOString(),
      token: 'last-boot',
      process: { bootId: 'ffffffff-0000-0000-0000-000000000000', startTicks: identity.startTicks },
    });
    const store = await openLocked();
    expect(store.status().readOnly).toBeUndefined();
    expect((await readLock(path))?.token).not.toBe('last-boot');
  });

  it.skipIf(!onLinux)('a lock whose recorded start time is not that of the live pid is stale', async () => {
    await PlanStore.open(path, makeDocument);
    const stranger = await liveStranger();
    const identity = await identityOf(stranger.pid);
    const lock = { pid: stranger.pid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'earlier' };
    await writeLock({ ...lock, process: { ...identity, startTicks: identity.startTicks - 1 } });
    expect((await openLocked()).status().readOnly).toBeUndefined();
  });

  it.skipIf(!onLinux)('a lock whose identity matches its live holder is kept, however old its heartbeat', async () => {
    await PlanStore.open(path, makeDocument);
    const holder = await liveStranger();
    const old = new Date(Date.now() - HOUR);
    await writeLock(
      {
        pid: holder.pid,
        hostname: hostname(),
        startedAt: old.toISOString(),
        token: 'live',
        process: await identityOf(holder.pid),
      },
      old,
    );
    expect((await openLocked()).status().readOnly).toMatchObject({
      reason: 'locked_elsewhere',
      holder: { pid: holder.pid },
    });
  });

  it('a lock from another computer whose heartbeat stopped a few minutes ago is stale (not after 12 hours)', async () => {
    await PlanStore.open(path, makeDocument);
    // Four minutes: eight heartbeats missed.
    const silent = new Date(Date.now() - 4 * 60 * 1000);
    await writeLock({ pid: 4121, hostname: 'far-away', startedAt: silent.toISOString(), token: 'far' }, silent);
    const store = await openLocked();
    expect(store.status().readOnly).toBeUndefined();
    expect(await readLock(path)).toMatchObject({ pid: process.pid, hostname: hostname() });
  });

  it('a lock from another computer with a fresh heartbeat is not stale, however long ago it was taken', async () => {
    await PlanStore.open(path, makeDocument);
    const recent = new Date(Date.now() - 60_000);
    await writeLock(
      { pid: 4121, hostname: 'far-away', startedAt: new Date(Date.now() - 48 * HOUR).toISOString(), token: 'far' },
      recent,
    );
    const store = await openLocked();
    expect(store.status().readOnly).toMatchObject({
      reason: 'locked_elsewhere',
      holder: { hostname: 'far-away', pid: 4121 },
    });
    expect((await readLock(path))?.token).toBe('far');
  });

  it("a heartbeat's age is judged by the file system's clock, not by a computer clock running ahead", async () => {
    await PlanStore.open(path, makeDocument);
    await writeLock({ pid: 4121, hostname: 'far-away', startedAt: new Date().toISOString(), token: 'far' });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 10 * 60 * 1000);
      expect((await openLocked()).status().readOnly).toMatchObject({
        reason: 'locked_elsewhere',
        holder: { hostname: 'far-away' },
      });
    } finally {
      vi.useRealTimers();
    }
    expect((await readLock(path))?.token).toBe('far');
  });

  it('the holder refreshes its lock every 30 seconds, in place and without changing it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      await openLocked();
      const bytes = await readFile(lockPathFor(path));
      const old = new Date(Date.now() - HOUR);
      await utimes(lockPathFor(path), old, old);
      await vi.advanceTimersByTimeAsync(30_000);
      const deadline = Date.now() + 5000;
      while ((await stat(lockPathFor(path))).mtimeMs < Date.now() - 60_000 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await stat(lockPathFor(path))).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
      expect(await readFile(lockPathFor(path))).toEqual(bytes);
      expect(LOCK_HEARTBEAT_MS).toBeLessThanOrEqual(30_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a heartbeat never touches a lock that another instance has taken over', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      await openLocked();
      const old = new Date(Date.now() - HOUR);
      await writeLock({ pid: 4121, hostname: 'far-away', startedAt: old.toISOString(), token: 'successor' }, old);
      const bytes = await readFile(lockPathFor(path));
      await vi.advanceTimersByTimeAsync(LOCK_HEARTBEAT_MS);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await stat(lockPathFor(path))).mtimeMs).toBeLessThan(Date.now() - 60_000);
      expect(await readFile(lockPathFor(path))).toEqual(bytes);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('saying who holds the plan', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('names the computer, the process and since when in local time, never as ISO text', () => {
    process.env.TZ = 'Europe/London';
    const winter = { pid: 4121, hostname: "Jo's PC", startedAt: '2026-11-30T14:05:00.000Z' };
    expect(describeHolder(winter)).toBe(
      "Action Plan Tracker on Jo's PC (process 4121), since Monday 30 November 2026, 14:05",
    );
    // British Summer Time: the clock on the wall, an hour ahead of UTC.
    expect(describeHolder({ ...winter, startedAt: '2026-07-01T13:05:00.000Z' })).toContain(
      'since Wednesday 1 July 2026, 14:05',
    );
    expect(describeHolder(winter)).not.toMatch(ISO_TIME);
  });

  it('the read-only message a second window shows has no ISO timestamp in it', async () => {
    await PlanStore.open(path, makeDocument);
    await writeLock({ pid: process.ppid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'other' });
    const message = (await openLocked()).status().readOnly!.message;
    expect(message).toContain(`process ${process.ppid}), since `);
    expect(message).toContain('open it for editing anyway');
    expect(message).not.toMatch(ISO_TIME);
  });
});

describe('open for editing anyway', () => {
  function handlersFor(store: PlanStore) {
    return createHandlers({
      store,
      demoDocument: makeDocument,
      user: 'Test User',
      newId: counterIds(),
      preferences: new PreferencesStore(join(dir, 'preferences.json')),
      templatesDir: resolve('templates/board-papers'),
    });
  }

  it(
    'takes the lock from a live instance; that instance goes read-only at its next save',
    { timeout: 20_000 },
    async () => {
      await PlanStore.open(path, makeDocument);
      const other = otherInstance(path);
      try {
        expect((await other.status).readOnly).toBeUndefined();
        const store = await openLocked();
        const handlers = handlersFor(store);
        const readOnly = store.status().readOnly!;
        expect(readOnly).toMatchObject({ reason: 'locked_elsewhere', holder: { pid: other.pid } });

        const result = await handlers.takeOverLock({ holder: readOnly.holder });
        expect(result.ok && result.value.store.readOnly).toBeUndefined();
        expect(await readLock(path)).toMatchObject({ pid: process.pid });
        expect(await listDir(dir)).toEqual(['plan.json', 'plan.json.lock']);
        const saved = await handlers.updateAction({ id: 'action-1', changes: { status: 'at_risk' } });
        expect(saved.ok).toBe(true);
        await store.settled();
        const bytes = await readFile(path);

        const refused = await other.save();
        expect(refused).toMatchObject({ readOnly: { reason: 'lock_lost' } });
        expect(await readFile(path)).toEqual(bytes);
        expect(await readLock(path)).toMatchObject({ pid: process.pid });
        await other.close();
        // The old holder, closing, leaves the new holder's lock alone.
        expect(await readLock(path)).toMatchObject({ pid: process.pid });
      } finally {
        other.kill();
      }
    },
  );

  it('does not take a lock that names someone other than the holder confirmed, and names them', async () => {
    await PlanStore.open(path, makeDocument);
    await writeLock({ pid: process.ppid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'first' });
    const store = await openLocked();
    const shown = store.status().readOnly!.holder;
    await writeLock({ pid: 4121, hostname: 'far-away', startedAt: new Date().toISOString(), token: 'second' });
    const result = await handlersFor(store).takeOverLock({ holder: shown });
    expect(result.ok && result.value.store.readOnly).toMatchObject({
      reason: 'locked_elsewhere',
      holder: { hostname: 'far-away', pid: 4121 },
    });
    expect((await readLock(path))?.token).toBe('second');
  });

  it('a window that lost its lock can take it back once it has been shown who holds it', async () => {
    const store = await openLocked();
    await writeLock({ pid: process.ppid, hostname: 'elsewhere', startedAt: new Date().toISOString(), token: 'thief' });
    await expect(store.update(edit())).rejects.toThrow(/Not saved/);
    const handlers = handlersFor(store);
    const named = await handlers.takeOverLock({ holder: store.status().readOnly!.holder });
    const readOnly = named.ok ? named.value.store.readOnly : undefined;
    expect(readOnly).toMatchObject({ reason: 'locked_elsewhere', holder: { hostname: 'elsewhere' } });
    const taken = await handlers.takeOverLock({ holder: readOnly!.holder });
    expect(taken.ok && taken.value.store.readOnly).toBeUndefined();
    await store.update(edit());
    expect(decodePlanFile(path, await readFile(path, 'utf8')).actions[0]!.status).toBe('at_risk');
  });

  it('refuses a holder that is not a lock holder', async () => {
    const store = await openLocked();
    const result = await handlersFor(store).takeOverLock({ holder: { pid: 'x' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
