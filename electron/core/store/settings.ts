import { nodeDurableFs } from '../atomicWrite';
import type { DurableFs } from '../atomicWrite';
import { DEFAULT_DATED_BACKUPS } from '../backupRotation';
import type { DatedBackupPolicy } from '../backupRotation';
import { DEFAULT_STALE_AFTER_MS } from '../fileLock';
import type { LatestBackupMemory } from './backups';

export interface PlanStoreOptions {
  /**
   * Take `<file>.lock` so a second instance opens the file read-only. A lock left by a process that is no
   * longer running on this computer, or not refreshed for `staleAfterMs` from another computer, is taken
   * over. Off by default.
   */
  lock?: boolean | { staleAfterMs?: number; hostname?: string };
  /** Keep dated copies in `backups/` beside the file (at most one an hour, the last 10). Off by default. */
  datedBackups?: boolean | Partial<DatedBackupPolicy>;
  /** Clock for dated backup names and the interval between them (the lock always uses real time). */
  clock?: () => Date;
  /**
   * Temp files of killed writes are removed on open: all of them when this store holds the lock, else only
   * those older than this (default 10 minutes), so another process's write in progress is left alone.
   */
  leftoverAgeMs?: number;
  /** The file system calls of every write; tests pass one that fails on cue. */
  fs?: DurableFs;
}

/** What the desktop app should use: one writer per file, and dated backups. */
export const DESKTOP_STORE_OPTIONS: PlanStoreOptions = { lock: true, datedBackups: true };

/** The options with their defaults filled in, and what a store remembers across reloads of its file. */
export interface StoreSettings {
  latestBackup: LatestBackupMemory;
  lock: { staleAfterMs: number; hostname?: string } | null;
  dated: DatedBackupPolicy | null;
  clock: () => Date;
  leftoverAgeMs: number;
  fs: DurableFs;
}

export function settingsOf(options: PlanStoreOptions): StoreSettings {
  const lock =
    options.lock === true
      ? { staleAfterMs: DEFAULT_STALE_AFTER_MS }
      : options.lock
        ? {
            staleAfterMs: options.lock.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
            ...(options.lock.hostname ? { hostname: options.lock.hostname } : {}),
          }
        : null;
  const dated =
    options.datedBackups === true
      ? DEFAULT_DATED_BACKUPS
      : options.datedBackups
        ? { ...DEFAULT_DATED_BACKUPS, ...options.datedBackups }
        : null;
  return {
    latestBackup: { bytes: null },
    lock,
    dated,
    clock: options.clock ?? (() => new Date()),
    leftoverAgeMs: options.leftoverAgeMs ?? 10 * 60 * 1000,
    fs: options.fs ?? nodeDurableFs,
  };
}
