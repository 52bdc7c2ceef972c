import { randomUUID } from 'node:crypto';
import { link, open, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { codeOf, removeLeftovers } from './atomicWrite';

/** What a lock file holds: who took it, where and when. `token` tells two holders in one process apart. */
export interface LockInfo {
  app: 'action-plan-tracker';
  pid: number;
  hostname: string;
  startedAt: string;
  token: string;
}

export interface LockOptions {
  /** A lock from another host (or one this host cannot check) not refreshed for this long is stale. */
  staleAfterMs: number;
  now?: () => Date;
  /** For tests: the host name this process reports. */
  hostname?: string;
}

export const DEFAULT_STALE_AFTER_MS = 12 * 60 * 60 * 1000;
/** How often a holder refreshes its lock's modification time, so a live lock never looks stale. */
export const LOCK_HEARTBEAT_MS = 5 * 60 * 1000;

export type LockOutcome =
  | { kind: 'acquired'; lock: HeldLock; tookOverStale: LockInfo | null }
  | { kind: 'held_elsewhere'; holder: LockInfo | null; message: string };

export function lockPathFor(path: string): string {
  return `${path}.lock`;
}

/** Locks this process holds, by lock path: a second store on the same file in one process shares it. */
const heldInProcess = new Map<string, { info: LockInfo; refs: number }>();
/** Acquisitions under way, by lock path. */
const acquiring = new Map<string, Promise<void>>();

/** One holder's share of a lock on a data file. Release it exactly once. */
export class HeldLock {
  private released = false;

  constructor(
    readonly lockPath: string,
    readonly info: LockInfo,
    /** True when another holder in this process had the lock already (so it may be writing right now). */
    readonly shared: boolean,
  ) {}

  /** Is the lock file still ours? False when it was removed or taken over (e.g. judged stale elsewhere). */
  async stillHeld(): Promise<boolean> {
    if (this.released) return false;
    const current = await readLockInfo(this.lockPath);
    return current.kind === 'info' && current.info.token === this.info.token;
  }

  /** Refreshes the lock's modification time so other hosts keep seeing it as live. */
  async touch(at: Date = new Date()): Promise<void> {
    if (!(await this.stillHeld())) return;
    try {
      await utimes(this.lockPath, at, at);
    } catch {
      // A lock that cannot be touched is still held; it may look stale to another host much later.
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const entry = heldInProcess.get(this.lockPath);
    if (entry && entry.info.token === this.info.token) {
      entry.refs -= 1;
      if (entry.refs > 0) return;
      heldInProcess.delete(this.lockPath);
    }
    // Only remove the file if it is still ours: never delete a lock another instance has taken over.
    const current = await readLockInfo(this.lockPath);
    if (current.kind === 'info' && current.info.token === this.info.token) {
      await rm(this.lockPath, { force: true });
    }
  }
}

type ReadLock = { kind: 'missing' } | { kind: 'info'; info: LockInfo; mtimeMs: number } | { kind: 'unreadable'; mtimeMs: number };

async function readLockInfo(lockPath: string): Promise<ReadLock> {
  let text: string;
  let mtimeMs: number;
  try {
    const handle = await open(lockPath, 'r');
    try {
      mtimeMs = (await handle.stat()).mtimeMs;
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', mtimeMs: Date.now() };
  }
  try {
    const raw = JSON.parse(text) as Partial<LockInfo>;
    if (
      typeof raw.pid === 'number' &&
      Number.isInteger(raw.pid) &&
      typeof raw.hostname === 'string' &&
      typeof raw.startedAt === 'string' &&
      typeof raw.token === 'string'
    ) {
      return {
        kind: 'info',
        info: { app: 'action-plan-tracker', pid: raw.pid, hostname: raw.hostname, startedAt: raw.startedAt, token: raw.token },
        mtimeMs,
      };
    }
  } catch {
    // fall through
  }
  return { kind: 'unreadable', mtimeMs };
}

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return codeOf(error) === 'EPERM';
  }
}

/** Why a lock found on disk may be taken over, or null when its holder may still be running. */
function staleReason(found: Exclude<ReadLock, { kind: 'missing' }>, options: LockOptions, thisHost: string): string | null {
  const now = (options.now?.() ?? new Date()).getTime();
  if (found.kind === 'unreadable') {
    // A lock file is written whole (link of a complete temp file), so an unreadable one was not written by
    // this app, or by a crashed version of it long ago. Give a writer a minute before taking it over.
    return now - found.mtimeMs > 60_000 ? 'the lock file is unreadable' : null;
  }
  const { info } = found;
  const lastSeen = Math.max(Date.parse(info.startedAt) || 0, found.mtimeMs);
  if (info.hostname === thisHost) {
    if (info.pid === process.pid) {
      // This process knows the locks it holds (acquireLock shares those); this one is from an earlier
      // process that had our pid.
      return 'it was left by an earlier run of this process id';
    }
    if (!isProcessAlive(info.pid)) return `process ${info.pid} on this computer is no longer running`;
    // The pid may have been reused by an unrelated program; a holder refreshes its lock every few minutes.
    if (now - lastSeen > options.staleAfterMs) return `it has not been refreshed since ${new Date(lastSeen).toISOString()}`;
    return null;
  }
  if (now - lastSeen > options.staleAfterMs) {
    return `it is from ${info.hostname} and has not been refreshed since ${new Date(lastSeen).toISOString()}`;
  }
  return null;
}

function describeHolder(info: LockInfo | null): string {
  if (!info) return 'another program';
  return `Action Plan Tracker on ${info.hostname} (process ${info.pid}, since ${info.startedAt})`;
}

/** Creates the lock file whole, or fails with EEXIST: a complete temp file is hard-linked to the lock name. */
async function createLockFile(lockPath: string, info: LockInfo): Promise<boolean> {
  const text = `${JSON.stringify(info)}\n`;
  const temp = `${lockPath}.${process.pid}.${info.token.slice(0, 8)}.tmp`;
  try {
    await writeFile(temp, text, { flag: 'wx' });
    try {
      await link(temp, lockPath);
      return true;
    } catch (error) {
      if (codeOf(error) === 'EEXIST') return false;
      // No hard links here (some network drives): exclusive create instead. A crash between create and
      // write leaves an empty lock, which is taken over once it is a minute old.
      try {
        await writeFile(lockPath, text, { flag: 'wx' });
        return true;
      } catch (inner) {
        if (codeOf(inner) === 'EEXIST') return false;
        throw inner;
      }
    }
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Takes the lock `<path>.lock` for this process, or says who holds it. A lock whose holder is gone (a dead
 * pid on this host, or no refresh for `staleAfterMs` from another host) is taken over: it is first moved
 * to a unique name and checked to be the very lock judged stale, so two instances recovering the same
 * stale lock cannot both win.
 */
export function acquireLock(path: string, options: LockOptions): Promise<LockOutcome> {
  const lockPath = resolve(lockPathFor(path));
  // One acquisition at a time per lock in this process, so two stores opened together share one lock
  // rather than one judging the other's fresh lock (same pid, not yet registered) stale.
  const previous = acquiring.get(lockPath) ?? Promise.resolve();
  const run = previous.then(() => acquireNow(path, lockPath, options));
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  acquiring.set(lockPath, settled);
  void settled.then(() => {
    if (acquiring.get(lockPath) === settled) acquiring.delete(lockPath);
  });
  return run;
}

async function acquireNow(path: string, lockPath: string, options: LockOptions): Promise<LockOutcome> {
  const thisHost = options.hostname ?? osHostname();
  const shared = heldInProcess.get(lockPath);
  if (shared) {
    const onDisk = await readLockInfo(lockPath);
    if (onDisk.kind === 'info' && onDisk.info.token === shared.info.token) {
      shared.refs += 1;
      return { kind: 'acquired', lock: new HeldLock(lockPath, shared.info, true), tookOverStale: null };
    }
    heldInProcess.delete(lockPath);
  }
  const info: LockInfo = {
    app: 'action-plan-tracker',
    pid: process.pid,
    hostname: thisHost,
    startedAt: (options.now?.() ?? new Date()).toISOString(),
    token: randomUUID(),
  };
  let tookOverStale: LockInfo | null = null;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await createLockFile(lockPath, info)) {
      heldInProcess.set(lockPath, { info, refs: 1 });
      await removeLockLeftovers(lockPath);
      return { kind: 'acquired', lock: new HeldLock(lockPath, info, false), tookOverStale };
    }
    const found = await readLockInfo(lockPath);
    if (found.kind === 'missing') continue;
    const reason = staleReason(found, options, thisHost);
    if (reason === null) {
      const holder = found.kind === 'info' ? found.info : null;
      return {
        kind: 'held_elsewhere',
        holder,
        message: `${path} is open in ${describeHolder(holder)}, so it is open here read-only. Close it there to edit it here.`,
      };
    }
    const aside = `${lockPath}.stale-${process.pid}-${info.token.slice(0, 8)}`;
    try {
      await rename(lockPath, aside);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') continue;
      throw error;
    }
    const moved = await readLockInfo(aside);
    const same =
      (moved.kind === 'info' && found.kind === 'info' && moved.info.token === found.info.token) ||
      (moved.kind === 'unreadable' && found.kind === 'unreadable');
    if (!same) {
      // Between reading and moving it, another instance replaced the stale lock with its own: put it back.
      try {
        await link(aside, lockPath);
      } catch {
        // Someone holds the lock name again either way.
      }
      await rm(aside, { force: true });
      continue;
    }
    await rm(aside, { force: true });
    tookOverStale = found.kind === 'info' ? found.info : null;
  }
  const again = await readLockInfo(lockPath);
  const holder = again.kind === 'info' ? again.info : null;
  return {
    kind: 'held_elsewhere',
    holder,
    message: `${path} is locked by ${describeHolder(holder)} and the lock could not be taken, so it is open here read-only.`,
  };
}

/**
 * Temp files of lock acquisitions that were killed: `<lock>.<pid>.<id>.tmp` (before the link) and
 * `<lock>.stale-<pid>-<id>` (a stale lock moved aside). Removing one that another process is using at this
 * moment only makes that process's acquisition fail, which it reports as "held elsewhere".
 */
async function removeLockLeftovers(lockPath: string): Promise<void> {
  const name = basename(lockPath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${name}\\.(?:\\d+\\.[0-9a-f]{8}\\.tmp|stale-\\d+-[0-9a-f]{8})$`);
  await removeLeftovers(dirname(lockPath), pattern, { olderThanMs: 0 });
}

/** For tests and diagnostics: does a lock file exist, and what does it say? */
export async function readLock(path: string): Promise<LockInfo | null> {
  const found = await readLockInfo(lockPathFor(path));
  return found.kind === 'info' ? found.info : null;
}
