import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { format } from 'date-fns';
import { codeOf, removeLeftovers } from './atomicWrite';
import type { LockHolder } from '../../shared/model/planFile';

/**
 * Which run of a process holds a lock, where the system says (Linux): the boot it belongs to and its start
 * time in clock ticks since that boot. A pid alone is reused, by any program, after a reboot or a wrap.
 */
export interface ProcessIdentity {
  bootId: string;
  startTicks: number;
}

/** What a lock file holds: who took it, where and when. `token` tells two holders in one process apart. */
export interface LockInfo extends LockHolder {
  app: 'action-plan-tracker';
  token: string;
  /** Null where the system cannot tell, and in locks written before it was recorded. */
  process: ProcessIdentity | null;
}

export interface LockOptions {
  /** A lock whose heartbeat is older than this, from another host (or one this host cannot check), is stale. */
  staleAfterMs: number;
  /** For tests: the host name this process reports. */
  hostname?: string;
}

/** How often a holder refreshes its lock's modification time: the heartbeat other hosts judge it by. */
export const LOCK_HEARTBEAT_MS = 30 * 1000;
/** Six missed heartbeats: long enough for a slow network drive, short enough not to leave a board waiting. */
export const DEFAULT_STALE_AFTER_MS = 6 * LOCK_HEARTBEAT_MS;

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

  /**
   * The heartbeat: writes the lock's own bytes back in place, so the file system stamps the time with its
   * own clock (another computer compares it with that clock, not with ours). Only a file that still names
   * this holder is written, through the handle that read it, so a successor's lock is never touched.
   */
  async touch(): Promise<void> {
    if (this.released) return;
    try {
      const handle = await open(this.lockPath, 'r+');
      try {
        const bytes = await handle.readFile();
        if (parseLockInfo(bytes.toString('utf8'))?.token !== this.info.token) return;
        await handle.write(bytes, 0, bytes.length, 0);
      } finally {
        await handle.close();
      }
    } catch {
      // A lock that cannot be refreshed is still held; another computer may take it over after a few minutes,
      // and this holder then finds it lost at its next save.
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const entry = heldInProcess.get(this.lockPath);
    if (entry?.info.token === this.info.token) {
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

type ReadLock =
  | { kind: 'missing' }
  | { kind: 'info'; info: LockInfo; mtimeMs: number }
  | { kind: 'unreadable'; mtimeMs: number | null };

function parseLockInfo(text: string): LockInfo | null {
  try {
    const raw = JSON.parse(text) as Partial<Record<keyof LockInfo, unknown>>;
    if (
      typeof raw.pid === 'number' &&
      Number.isInteger(raw.pid) &&
      typeof raw.hostname === 'string' &&
      typeof raw.startedAt === 'string' &&
      typeof raw.token === 'string'
    ) {
      const identity = raw.process as Partial<ProcessIdentity> | null | undefined;
      const process =
        identity && typeof identity.bootId === 'string' && Number.isSafeInteger(identity.startTicks)
          ? { bootId: identity.bootId, startTicks: identity.startTicks! }
          : null;
      return {
        app: 'action-plan-tracker',
        pid: raw.pid,
        hostname: raw.hostname,
        startedAt: raw.startedAt,
        token: raw.token,
        process,
      };
    }
  } catch {
    // not JSON: unreadable
  }
  return null;
}

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
    return { kind: 'unreadable', mtimeMs: null };
  }
  const info = parseLockInfo(text);
  return info ? { kind: 'info', info, mtimeMs } : { kind: 'unreadable', mtimeMs };
}

const LINUX_USER_HZ = 100;

/**
 * The identity of a running process on Linux, from /proc: the boot id and field 22 of /proc/<pid>/stat (start
 * time in ticks since boot). Null elsewhere (macOS and Windows tell Node nothing about other processes) and
 * when the process is gone or hidden.
 */
export async function processIdentity(pid: number): Promise<ProcessIdentity | null> {
  if (process.platform !== 'linux') return null;
  try {
    const [bootId, stat] = await Promise.all([
      readFile('/proc/sys/kernel/random/boot_id', 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ]);
    // The command name (field 2) is in parentheses and may hold spaces or parentheses: count from the last ')'.
    const startTicks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isSafeInteger(startTicks) ? { bootId: bootId.trim(), startTicks } : null;
  } catch {
    return null;
  }
}

/** When a process on this computer started, by the wall clock (Linux only): for locks that name no identity. */
async function processStartedAtMs(identity: ProcessIdentity): Promise<number | null> {
  try {
    const btime = /^btime (\d+)$/m.exec(await readFile('/proc/stat', 'utf8'))?.[1];
    return btime === undefined ? null : Number(btime) * 1000 + (identity.startTicks * 1000) / LINUX_USER_HZ;
  } catch {
    return null;
  }
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

/** A process's start time read from /proc is whole seconds of boot time plus ticks: allow for the rounding. */
const START_TIME_SLACK_MS = 2000;

/**
 * Why a lock found on disk may be taken over, or null when its holder may still be running. `fsNowMs` is the
 * time by the clock of the file system holding the lock (the mtime of a file just written there), so a
 * heartbeat's age does not depend on this computer's clock agreeing with the holder's.
 */
async function staleReason(
  found: Exclude<ReadLock, { kind: 'missing' }>,
  options: LockOptions,
  thisHost: string,
  fsNowMs: number,
): Promise<string | null> {
  if (found.kind === 'unreadable') {
    // A lock file is written whole (link of a complete temp file), so an unreadable one was not written by
    // this app, or by a crashed version of it long ago. Give a writer a minute before taking it over.
    return found.mtimeMs !== null && fsNowMs - found.mtimeMs > 60_000 ? 'the lock file is unreadable' : null;
  }
  const { info } = found;
  const heartbeatAgeMs = fsNowMs - found.mtimeMs;
  const heartbeatStale = heartbeatAgeMs > options.staleAfterMs;
  const lastHeartbeat = `its last sign of life was ${formatLocalTime(Date.now() - heartbeatAgeMs)}`;
  if (info.hostname !== thisHost) return heartbeatStale ? `it is from ${info.hostname} and ${lastHeartbeat}` : null;
  if (info.pid === process.pid) {
    // This process knows the locks it holds (acquireLock shares those); this one is from an earlier process
    // that had our pid.
    return 'it was left by an earlier run of this process id';
  }
  if (!isProcessAlive(info.pid)) return `process ${info.pid} on this computer is no longer running`;
  const running = await processIdentity(info.pid);
  if (running !== null) {
    const reused = `process ${info.pid} is now another program`;
    if (info.process !== null) {
      if (running.bootId !== info.process.bootId)
        return `${reused}: the computer has restarted since the lock was taken`;
      return running.startTicks === info.process.startTicks ? null : `${reused}, started after the lock was taken`;
    }
    // A lock that names no identity is judged by the wall clock: its holder started before it took the lock.
    const startedAtMs = await processStartedAtMs(running);
    if (startedAtMs !== null) {
      return startedAtMs > Date.parse(info.startedAt) + START_TIME_SLACK_MS
        ? `${reused}, started after the lock was taken`
        : null;
    }
  }
  // The pid may have been reused and nothing says by whom: a live holder refreshes its lock every 30 seconds.
  return heartbeatStale ? lastHeartbeat : null;
}

/** A moment as a person reads it in this computer's time zone: "Monday 30 November 2026, 14:05". */
function formatLocalTime(ms: number): string {
  return Number.isFinite(ms) ? format(ms, 'EEEE d MMMM yyyy, HH:mm') : 'an unknown time';
}

/** Names a lock's holder for people: the computer, the process and since when, in local time. */
export function describeHolder(holder: LockHolder | null): string {
  if (!holder) return 'another program';
  return `Action Plan Tracker on ${holder.hostname} (process ${holder.pid}), since ${formatLocalTime(Date.parse(holder.startedAt))}`;
}

function sameHolder(found: Exclude<ReadLock, { kind: 'missing' }>, holder: LockHolder | null): boolean {
  if (found.kind === 'unreadable') return holder === null;
  const { pid, hostname, startedAt } = found.info;
  return holder !== null && pid === holder.pid && hostname === holder.hostname && startedAt === holder.startedAt;
}

/**
 * Creates the lock file whole, or fails with EEXIST: a complete temp file is hard-linked to the lock name.
 * Answers with the file system's clock (the temp file's mtime) when the lock exists already.
 */
async function createLockFile(
  lockPath: string,
  info: LockInfo,
): Promise<{ created: true } | { created: false; fsNowMs: number }> {
  const text = `${JSON.stringify(info)}\n`;
  const temp = `${lockPath}.${process.pid}.${info.token.slice(0, 8)}.tmp`;
  try {
    await writeFile(temp, text, { flag: 'wx' });
    // Awaited before the finally below removes the temp file, or the stat races the removal.
    const exists = async () => ({ created: false as const, fsNowMs: (await stat(temp)).mtimeMs });
    try {
      await link(temp, lockPath);
      return { created: true };
    } catch (error) {
      if (codeOf(error) === 'EEXIST') return await exists();
      // No hard links here (some network drives): exclusive create instead. A crash between create and
      // write leaves an empty lock, which is taken over once it is a minute old.
      try {
        await writeFile(lockPath, text, { flag: 'wx' });
        return { created: true };
      } catch (inner) {
        if (codeOf(inner) === 'EEXIST') return await exists();
        throw inner;
      }
    }
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Takes the lock `<path>.lock` for this process, or says who holds it. A lock whose holder is gone (a dead
 * pid, or a pid now used by a later process, on this host; no heartbeat for `staleAfterMs` from another
 * host) is taken over: it is first moved to a unique name and checked to be the very lock judged stale, so
 * two instances recovering the same stale lock cannot both win.
 */
export function acquireLock(path: string, options: LockOptions): Promise<LockOutcome> {
  return queued(path, (lockPath) => acquireNow(path, lockPath, options, undefined));
}

/**
 * "Open for editing anyway": takes the lock from the holder the user was shown and confirmed, live or not,
 * the same safe way as a stale one. A lock that names someone else by now is not taken: the answer names them.
 */
export function takeOverLock(path: string, confirmed: LockHolder | null, options: LockOptions): Promise<LockOutcome> {
  return queued(path, (lockPath) => acquireNow(path, lockPath, options, confirmed));
}

function queued(path: string, run: (lockPath: string) => Promise<LockOutcome>): Promise<LockOutcome> {
  const lockPath = resolve(lockPathFor(path));
  // One acquisition at a time per lock in this process, so two stores opened together share one lock
  // rather than one judging the other's fresh lock (same pid, not yet registered) stale.
  const previous = acquiring.get(lockPath) ?? Promise.resolve();
  const result = previous.then(() => run(lockPath));
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  acquiring.set(lockPath, settled);
  void settled.then(() => {
    if (acquiring.get(lockPath) === settled) acquiring.delete(lockPath);
  });
  return result;
}

async function acquireNow(
  path: string,
  lockPath: string,
  options: LockOptions,
  /** The holder the user chose to take the lock from; undefined when only a stale lock may be taken. */
  confirmed: LockHolder | null | undefined,
): Promise<LockOutcome> {
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
    startedAt: new Date().toISOString(),
    token: randomUUID(),
    process: await processIdentity(process.pid),
  };
  let tookOverStale: LockInfo | null = null;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const created = await createLockFile(lockPath, info);
    if (created.created) {
      heldInProcess.set(lockPath, { info, refs: 1 });
      await removeLockLeftovers(lockPath);
      return { kind: 'acquired', lock: new HeldLock(lockPath, info, false), tookOverStale };
    }
    const found = await readLockInfo(lockPath);
    if (found.kind === 'missing') continue;
    const reason =
      confirmed !== undefined && sameHolder(found, confirmed)
        ? 'the user chose to open it for editing anyway'
        : await staleReason(found, options, thisHost, created.fsNowMs);
    if (reason === null) {
      const holder = found.kind === 'info' ? found.info : null;
      return {
        kind: 'held_elsewhere',
        holder,
        message:
          `${path} is open in ${describeHolder(holder)}, so it is open here read-only. ` +
          'Close it there to edit it here, or open it for editing anyway.',
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
      // Between reading and moving it, another instance replaced the lock with its own: put it back.
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
