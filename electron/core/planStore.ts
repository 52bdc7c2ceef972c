import { constants as fsConstants } from 'node:fs';
import { lstat, mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import type { Adapter } from 'lowdb';
import type { PlanDocument } from '../../shared/model/plan';
import { createPlanValidator } from '../../shared/model/planValidator';
import type { StoreStatus } from '../../shared/api/contract';
import { DomainError } from '../../shared/domain/errors';
import { describeProblems, fieldProblems } from '../../shared/model/validationIssues';
import { decodePlanFile, encodePlanFile } from './planFileCodec';
import {
  DiskWriteError,
  asDiskWriteError,
  codeOf,
  copyDurably,
  nodeDurableFs,
  removeLeftovers,
  stageFile,
  syncDirectory,
  tempNamePattern,
  tempPathFor,
  withRetries,
  writeFileDurably,
} from './atomicWrite';
import type { DurableFs, StagedFile } from './atomicWrite';
import { PlanFileError } from './planFileError';
import { DEFAULT_STALE_AFTER_MS, LOCK_HEARTBEAT_MS, acquireLock, lockPathFor, takeOverLock } from './fileLock';
import type { HeldLock, LockInfo, LockOutcome } from './fileLock';
import {
  DEFAULT_DATED_BACKUPS,
  backupPathFor,
  conflictPathFor,
  keepAsideBeforeRestore,
  keepDatedBackupIfDue,
  listBackupFiles,
  removeBackupLeftovers,
} from './backupRotation';
import type { BackupFile, DatedBackupPolicy } from './backupRotation';

export { backupPathFor } from './backupRotation';
export type { BackupFile, DatedBackupPolicy } from './backupRotation';

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

export type ReadOnlyReason = 'locked_elsewhere' | 'lock_lost' | 'closed';

/** Why this store will not write, for the UI to say so. */
export interface ReadOnlyState {
  reason: ReadOnlyReason;
  message: string;
  /** Who holds the lock, when known. */
  holder: { pid: number; hostname: string; startedAt: string } | null;
}

/** The contract's StoreStatus, plus `readOnly` when this store will not write. */
export type PlanStoreStatus = StoreStatus & { readOnly?: ReadOnlyState };

/** A save refused because this store may not write now, or because the file changed under it. */
export class StoreConflictError extends DomainError {
  constructor(
    readonly kind: 'read_only' | 'changed_on_disk' | 'kept_displaced',
    message: string,
  ) {
    super('conflict', message);
    this.name = 'StoreConflictError';
  }
}

/** What a save that the disk refused tells the person; their edit stays on screen. */
const PLAN_WORDING = { notSaved: 'Your change was not saved', unchanged: 'The plan on disk is unchanged.' };

/** The file's bytes, read through one handle; null when there is no file. */
async function readBytesIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): PlanFileError {
  const detail = error instanceof Error ? error.message : String(error);
  return new PlanFileError(path, 'unreadable', `${path} could not be read (${detail}).`);
}

async function readTextIfExists(path: string): Promise<string | null> {
  return (await readBytesIfExists(path))?.toString('utf8') ?? null;
}

/** Thrown by the adapter when the file on disk is no longer the one this store read or wrote last. */
class ExternalChange extends Error {
  constructor(
    readonly createdMeanwhile: boolean,
    readonly size: number,
    readonly mtimeMs: number,
  ) {
    super('changed on disk');
  }
}

function describeChange(path: string, change: ExternalChange): string {
  if (change.createdMeanwhile) return `${path} was created by another program after this plan was opened`;
  const when = new Date(change.mtimeMs).toLocaleString();
  return `${path} was changed by another program after it was opened here (now ${change.size} bytes, modified ${when})`;
}

/** A save went through, but it displaced a version another program wrote meanwhile; that one was kept. */
class DisplacedVersionKept extends Error {
  constructor(readonly keptAs: string) {
    super('displaced version kept');
  }
}

/**
 * lowdb adapter that validates on read and on write, writes durably, keeps the previous file as a backup
 * and never destroys a version another program wrote: one that changed since this store last read or
 * wrote the file refuses the save, and one that slips in while saving is kept as a conflict copy.
 */
class ValidatedPlanFile implements Adapter<PlanDocument> {
  /** The file's bytes as last read or written here (null: there was no file); undefined until read. */
  seen: Buffer | null | undefined = undefined;
  /** The last reason a backup could not be kept (a save never fails for it). */
  backupProblem: string | null = null;
  private readonly validate = createPlanValidator();

  constructor(
    readonly path: string,
    private readonly dated: DatedBackupPolicy | null,
    private readonly clock: () => Date,
    private readonly fs: DurableFs,
    private readonly backup: BackupMemory,
  ) {}

  async read(): Promise<PlanDocument | null> {
    const bytes = await readBytesIfExists(this.path);
    this.seen = bytes;
    return bytes === null ? null : decodePlanFile(this.path, bytes.toString('utf8'));
  }

  /**
   * Stages the new bytes (written in full, fsynced, read back), then keeps a hard link to the file as it is
   * now and checks that version's content against what this store last saw. The link is the version the
   * rename displaces unless a program replaces the file in the moment between the last check and the
   * rename (POSIX has no rename-if-unchanged); a program writing into the file in place at any time before
   * the rename writes into the linked version, which is compared again after the rename and kept as
   * `<name>.conflict-<time>.json` when it differs.
   */
  async write(doc: PlanDocument): Promise<void> {
    const invalid = this.validate(doc);
    if (invalid) throw new Error(`Refusing to save an invalid plan: ${describeProblems(fieldProblems(invalid))}`);
    const bytes = Buffer.from(encodePlanFile(doc), 'utf8');
    let held: { path: string; linked: boolean } | null = null;
    let staged: StagedFile | null = null;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      staged = await stageFile(this.path, bytes, { fs: this.fs, wording: PLAN_WORDING });
      held = await this.holdCurrent();
      const checked = await this.assertUnchanged(held);
      if (held?.linked) await this.assertStillHeld(held.path);
      await staged.install();
      this.seen = bytes;
      if (held && checked) {
        const displaced = held;
        held = null;
        await this.settleDisplaced(displaced.path, checked);
      }
    } catch (error) {
      if (held) await withRetries(this.fs, () => this.fs.unlink(held!.path)).catch(() => undefined);
      throw error instanceof ExternalChange || error instanceof DisplacedVersionKept ? error : asDiskWriteError(error, this.path, PLAN_WORDING);
    } finally {
      await staged?.discard();
    }
  }

  /** A second name for the file as it is now (a hard link, else a copy); null when there is no file. */
  private async holdCurrent(): Promise<{ path: string; linked: boolean } | null> {
    const hold = tempPathFor(this.path);
    try {
      await this.fs.link(this.path, hold);
      return { path: hold, linked: true };
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return null;
    }
    // No hard links on this file system (some network and FAT drives): a copy to compare instead.
    try {
      await withRetries(this.fs, () => this.fs.copyFile(this.path, hold, fsConstants.COPYFILE_EXCL));
      return { path: hold, linked: false };
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return null;
      throw error;
    }
  }

  /**
   * Compares the held version with what this store last read or wrote, by content: size and modification
   * time can both be kept by an edit. A file deleted meanwhile may be written again (nothing on disk is
   * lost by that). Returns the bytes checked, or null when there is no file.
   */
  private async assertUnchanged(held: { path: string } | null): Promise<Buffer | null> {
    if (held === null) return null;
    const now = await readFile(held.path);
    if (this.seen === undefined) return now;
    if (this.seen !== null && now.equals(this.seen)) return now;
    const info = await stat(held.path);
    throw new ExternalChange(this.seen === null, now.length, info.mtimeMs);
  }

  /** Refuses when the file was replaced by another program after it was linked and checked. */
  private async assertStillHeld(hold: string): Promise<void> {
    const [current, held] = await Promise.all([stat(this.path).catch(() => null), stat(hold)]);
    if (current !== null && (current.ino !== held.ino || current.dev !== held.dev)) {
      throw new ExternalChange(false, current.size, current.mtimeMs);
    }
  }

  /**
   * The version the save displaced: the previous save's bytes become the immediate (and perhaps a dated)
   * backup; anything else was written by another program in place while saving and is kept beside the file.
   */
  private async settleDisplaced(hold: string, checked: Buffer): Promise<void> {
    // The new plan is in place by now: nothing here may report the save as failed.
    let displaced: Buffer;
    try {
      displaced = await readFile(hold);
    } catch (error) {
      this.backupProblem = error instanceof Error ? error.message : String(error);
      return;
    }
    if (!displaced.equals(checked)) {
      const keptAs = await this.keepConflict(hold).catch(() => hold);
      throw new DisplacedVersionKept(keptAs);
    }
    try {
      if (this.dated) await keepDatedBackupIfDue(this.path, hold, this.dated, this.clock());
      await this.keepLateWriteToBackup();
      await withRetries(this.fs, () => this.fs.rename(hold, backupPathFor(this.path)));
      this.backup.bytes = checked;
      this.backupProblem = null;
    } catch (error) {
      this.backupProblem = error instanceof Error ? error.message : String(error);
      await withRetries(this.fs, () => this.fs.unlink(hold)).catch(() => undefined);
    }
  }

  /** The immediate backup, if another program wrote into it after this store put it there, kept aside. */
  private async keepLateWriteToBackup(): Promise<void> {
    if (this.backup.bytes === null) return;
    const backup = backupPathFor(this.path);
    const now = await readFile(backup).catch(() => null);
    if (now !== null && !now.equals(this.backup.bytes)) await this.keepConflict(backup);
  }

  private async keepConflict(hold: string): Promise<string> {
    const now = this.clock();
    for (let serial = 0; ; serial += 1) {
      const target = conflictPathFor(this.path, now, serial);
      try {
        // link, unlike rename, never replaces a conflict copy kept earlier in the same second.
        await this.fs.link(hold, target);
        await withRetries(this.fs, () => this.fs.unlink(hold)).catch(() => undefined);
        await syncDirectory(dirname(this.path), this.fs);
        return target;
      } catch (error) {
        if (codeOf(error) === 'EEXIST') continue;
        if (await exists(target)) continue;
        await withRetries(this.fs, () => this.fs.rename(hold, target));
        return target;
      }
    }
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

type Opened =
  | { kind: 'ready'; db: Low<PlanDocument>; createdFromDemo: boolean }
  | { kind: 'failed'; error: PlanFileError };

/**
 * The bytes this store last made the immediate backup, kept across reloads of the file. A program that had
 * the plan open for writing while it was saved may write into that displaced version afterwards; the next
 * save finds such a write and keeps it as a conflict copy instead of replacing it.
 */
interface BackupMemory {
  bytes: Buffer | null;
}

interface Settings {
  backup: BackupMemory;
  lock: { staleAfterMs: number; hostname?: string } | null;
  dated: DatedBackupPolicy | null;
  clock: () => Date;
  leftoverAgeMs: number;
  fs: DurableFs;
}

function settingsOf(options: PlanStoreOptions): Settings {
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
    backup: { bytes: null },
    lock,
    dated,
    clock: options.clock ?? (() => new Date()),
    leftoverAgeMs: options.leftoverAgeMs ?? 10 * 60 * 1000,
    fs: options.fs ?? nodeDurableFs,
  };
}

/** A path as the file system compares it: Windows and macOS names are case-insensitive by default. */
function samePathKey(path: string): string {
  const full = resolve(path);
  return process.platform === 'win32' || process.platform === 'darwin' ? full.toLowerCase() : full;
}

const RESTORE_WORDING = { notSaved: 'The backup was not restored', unchanged: 'The plan on disk is unchanged.' };

/** The file a path names, through any symlinks; for a file not created yet, its real folder. */
async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
  try {
    return join(await realpath(dirname(path)), basename(path));
  } catch {
    return resolve(path);
  }
}

function holderOf(info: LockInfo | null): ReadOnlyState['holder'] {
  return info ? { pid: info.pid, hostname: info.hostname, startedAt: info.startedAt } : null;
}

/**
 * The one place the plan is read from and written to. A file that cannot be read, parsed, validated or is
 * from a newer version puts the store in a failed state in which nothing is ever written to that path.
 */
export class PlanStore {
  private queue: Promise<unknown> = Promise.resolve();
  private heartbeat: NodeJS.Timeout | null = null;
  private readOnly: ReadOnlyState | null = null;
  /** An edit the disk refused to save, kept so "Save a copy elsewhere" can still write it out. */
  private unsaved: PlanDocument | null = null;

  private constructor(
    readonly path: string,
    readonly options: PlanStoreOptions,
    private readonly settings: Settings,
    private readonly demoDocument: () => PlanDocument,
    private opened: Opened,
    private lock: HeldLock | null,
  ) {}

  /**
   * Opens the file at `requestedPath`. A symlink (common for a plan in a synced or shared folder) is
   * resolved first: the lock, temp files, backups and change checks all belong to the real file, so one
   * plan opened through a link and through its real path still has one writer, and a backup is never a
   * link to the live file.
   */
  static async open(requestedPath: string, demoDocument: () => PlanDocument, options: PlanStoreOptions = {}): Promise<PlanStore> {
    const settings = settingsOf(options);
    const path = await realPathOf(requestedPath);
    let lock: HeldLock | null = null;
    let readOnly: ReadOnlyState | null = null;
    if (settings.lock) {
      await mkdir(dirname(path), { recursive: true }).catch(() => undefined);
      try {
        const outcome = await acquireLock(path, settings.lock);
        if (outcome.kind === 'acquired') lock = outcome.lock;
        else readOnly = { reason: 'locked_elsewhere', message: outcome.message, holder: holderOf(outcome.holder) };
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        readOnly = {
          reason: 'locked_elsewhere',
          message: `${path} could not be locked for editing (${detail}), so it is open here read-only.`,
          holder: null,
        };
      }
    }
    let opened: Opened;
    try {
      if (readOnly === null) await PlanStore.removeLeftovers(path, settings, lock);
      opened = await PlanStore.load(path, demoDocument, settings, { create: readOnly === null });
    } catch (error) {
      await lock?.release();
      throw error;
    }
    const store = new PlanStore(path, options, settings, demoDocument, opened, lock);
    store.readOnly = readOnly;
    store.startHeartbeat();
    return store;
  }

  /** Temp files of writes that were killed: ours to remove if we hold the lock, else only old ones. */
  /**
   * Only names the writer makes (`.<name>.<pid>.<random>.tmp`) are removed. Files named like the temp
   * files of earlier versions (`<name>.<digits>`) are left alone: a person may keep `plan.json.1` or
   * `plan.json.2023` beside the plan, and nothing proves those were ours.
   */
  private static async removeLeftovers(path: string, settings: Settings, lock: HeldLock | null): Promise<void> {
    const olderThanMs = lock && !lock.shared ? 0 : settings.leftoverAgeMs;
    const pattern = tempNamePattern([basename(path), basename(backupPathFor(path))]);
    await removeLeftovers(dirname(path), pattern, { olderThanMs });
    await removeBackupLeftovers(path, olderThanMs);
  }

  private static async load(
    path: string,
    demoDocument: () => PlanDocument,
    settings: Settings,
    { create }: { create: boolean },
  ): Promise<Opened> {
    const db = new Low<PlanDocument>(new ValidatedPlanFile(path, settings.dated, settings.clock, settings.fs, settings.backup), null as unknown as PlanDocument);
    try {
      await db.read();
    } catch (error) {
      if (error instanceof PlanFileError) return { kind: 'failed', error };
      throw error;
    }
    // Low types its data as always present, but it starts as null here until the file is read.
    if ((db.data as PlanDocument | null) !== null) return { kind: 'ready', db, createdFromDemo: false };
    if (!create) {
      return {
        kind: 'failed',
        error: new PlanFileError(path, 'unreadable', `${path} does not exist yet, and it is open read-only here, so it was not created.`),
      };
    }
    db.data = demoDocument();
    await db.write();
    return { kind: 'ready', db, createdFromDemo: true };
  }

  private startHeartbeat(): void {
    if (!this.lock) return;
    const lock = this.lock;
    // Real time, not the store's clock: other instances compare it with the lock file's real mtime.
    this.heartbeat = setInterval(() => void lock.touch(), LOCK_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  status(): PlanStoreStatus {
    const backupPath = backupPathFor(this.path);
    const extra = this.readOnly ? { readOnly: this.readOnly } : {};
    if (this.opened.kind === 'ready') {
      return { kind: 'ready', path: this.path, backupPath, createdFromDemo: this.opened.createdFromDemo, ...extra };
    }
    const { error } = this.opened;
    return { kind: 'failed', path: this.path, reason: error.reason, message: error.message, problems: error.problems, backupPath, ...extra };
  }

  document(): PlanDocument | null {
    return this.opened.kind === 'ready' ? this.opened.db.data : null;
  }

  /** Why a dated backup could not be kept at the last save, or null. Saving itself went ahead. */
  backupProblem(): string | null {
    // The adapter is always the ValidatedPlanFile that open() gave to Low.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    return this.opened.kind === 'ready' ? (this.opened.db.adapter as ValidatedPlanFile).backupProblem : null;
  }

  /**
   * Runs one edit at a time: the change sees the document the previous edit saved, and the document in
   * memory only moves on once the file holds it. A file changed on disk by someone else is never
   * overwritten: the edit is refused with a StoreConflictError and the store reloads the file.
   */
  update(change: (doc: PlanDocument) => PlanDocument): Promise<PlanDocument> {
    return this.serialise(async () => {
      if (this.opened.kind !== 'ready') throw this.opened.error;
      await this.assertWritable();
      const { db } = this.opened;
      const next = change(db.data);
      if (next === db.data) return next;
      try {
        await db.adapter.write(next);
      } catch (error) {
        if (error instanceof DiskWriteError) this.unsaved = next;
        if (error instanceof ExternalChange) throw await this.refuseChangedFile(error);
        if (error instanceof DisplacedVersionKept) {
          this.unsaved = null;
          db.data = next;
          throw new StoreConflictError(
            'kept_displaced',
            `Your change was saved, but another program changed ${this.path} while it was being saved. ` +
              `That program's version was kept as ${error.keptAs} (listed under Backups); compare the two before you go on.`,
          );
        }
        throw error;
      }
      this.unsaved = null;
      db.data = next;
      return next;
    });
  }

  private async refuseChangedFile(change: ExternalChange): Promise<StoreConflictError> {
    const what = describeChange(this.path, change);
    this.unsaved = null;
    this.opened = await PlanStore.load(this.path, this.demoDocument, this.settings, { create: false });
    const after =
      this.opened.kind === 'ready'
        ? 'The plan has been reloaded from the file as it is now; make your change again.'
        : `The file as it is now cannot be opened either: ${this.opened.error.message}`;
    return new StoreConflictError('changed_on_disk', `Your change was not saved: ${what}, and it has been left as it is. ${after}`);
  }

  /** Throws unless this store may write: open, holding its lock (when it locks), and the lock still ours. */
  private async assertWritable(): Promise<void> {
    if (this.readOnly) throw new StoreConflictError('read_only', `Not saved: ${this.readOnly.message}`);
    if (this.lock && !(await this.lock.stillHeld())) {
      this.readOnly = {
        reason: 'lock_lost',
        message: `${this.path} was locked by another instance meanwhile (${lockPathFor(this.path)} is no longer this app's), so it is now open here read-only.`,
        holder: null,
      };
      await this.stopLocking();
      throw new StoreConflictError('read_only', `Not saved: ${this.readOnly.message}`);
    }
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Reads the file again, and a read-only store tries again for the lock (the other instance may have
   * closed). Unsaved nothing is lost: edits are only ever in memory once saved.
   */
  reload(): Promise<PlanStoreStatus> {
    return this.serialise(async () => {
      if (this.readOnly?.reason === 'closed') return this.status();
      if (this.settings.lock && !this.lock) this.adoptLockOutcome(await acquireLock(this.path, this.settings.lock));
      this.unsaved = null;
      return this.readAgain();
    });
  }

  /** Holding the lock makes this store writable; not getting it leaves it read-only, naming the holder. */
  private adoptLockOutcome(outcome: LockOutcome): void {
    if (outcome.kind === 'acquired') {
      this.lock = outcome.lock;
      this.readOnly = null;
      this.startHeartbeat();
    } else {
      this.readOnly = { reason: 'locked_elsewhere', message: outcome.message, holder: holderOf(outcome.holder) };
    }
  }

  /** Reads the file as it is now; it may be created only when this store can write. */
  private async readAgain(): Promise<PlanStoreStatus> {
    this.opened = await PlanStore.load(this.path, this.demoDocument, this.settings, { create: this.readOnly === null });
    return this.status();
  }

  /**
   * "Open for editing anyway": takes the lock from the holder the user confirmed, then reads the file again
   * so this window edits the plan as it is now. The old holder finds its lock gone at its next save and
   * goes read-only there. A lock that names someone else by now is left alone and the status names them.
   */
  takeOverLock(confirmed: ReadOnlyState['holder']): Promise<PlanStoreStatus> {
    return this.serialise(async () => {
      if (this.readOnly?.reason === 'closed' || !this.settings.lock || this.lock) return this.status();
      this.adoptLockOutcome(await takeOverLock(this.path, confirmed, this.settings.lock));
      return this.readAgain();
    });
  }

  /** Releases the lock once every queued edit has finished. The store writes nothing afterwards. */
  close(): Promise<void> {
    return this.serialise(async () => {
      if (this.readOnly?.reason === 'closed') return;
      this.readOnly = { reason: 'closed', message: `${this.path} has been closed in this window.`, holder: null };
      await this.stopLocking();
    });
  }

  private async stopLocking(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const lock = this.lock;
    this.lock = null;
    await lock?.release();
  }

  /** The immediate backup, the dated ones and those kept aside before a restore, newest first. */
  async listBackups(): Promise<(BackupFile & { problem: string | null })[]> {
    const files = await listBackupFiles(this.path);
    return Promise.all(
      files.map(async (file) => {
        try {
          decodePlanFile(file.path, (await readTextIfExists(file.path)) ?? '');
          return { ...file, problem: null };
        } catch (error) {
          return { ...file, problem: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
  }

  /**
   * Replaces the file with one of its backups (one listBackups names). The backup must open in this
   * version; the file as it is now is first kept in `backups/` as `<name>.before-restore-<time>.json`, so
   * the restore itself can be undone. Works on a refused file too. Returns where the file was kept.
   */
  restoreFrom(backupPath: string): Promise<{ keptAside: string | null }> {
    return this.serialise(async () => {
      await this.assertWritable();
      const wanted = resolve(backupPath);
      const known = (await listBackupFiles(this.path)).find((file) => resolve(file.path) === wanted);
      if (!known) throw new DomainError('invalid', `${backupPath} is not one of the backups of ${this.path}.`, 'backupPath');
      const bytes = await readBytesIfExists(known.path);
      if (bytes === null) throw new PlanFileError(known.path, 'unreadable', `There is no backup at ${known.path}.`);
      decodePlanFile(known.path, bytes.toString('utf8'));
      const keptAside = await keepAsideBeforeRestore(this.path, this.settings.clock());
      await writeFileDurably(this.path, bytes, { fs: this.settings.fs, wording: RESTORE_WORDING });
      this.unsaved = null;
      this.opened = await PlanStore.load(this.path, this.demoDocument, this.settings, { create: false });
      return { keptAside };
    });
  }

  /**
   * Writes the whole plan, as it is in memory, to `target` as one JSON file that opens as a plan (the same
   * format as the data file). After a save the disk refused, that includes the edit that was not saved, so
   * the person can keep it elsewhere. Never to the data file itself or its backup.
   */
  exportWholePlan(target: string): Promise<string> {
    return this.serialise(async () => {
      if (this.opened.kind !== 'ready') throw this.opened.error;
      const resolved = resolve(target);
      const forbidden = [this.path, backupPathFor(this.path), lockPathFor(this.path)].map((file) => samePathKey(file));
      if (forbidden.includes(samePathKey(resolved))) {
        throw new DomainError('invalid', `Export to another file: ${target} is the plan's own data file or its backup.`, 'path');
      }
      await mkdir(dirname(resolved), { recursive: true });
      await writeFileDurably(resolved, encodePlanFile(this.unsaved ?? this.opened.db.data), {
        fs: this.settings.fs,
        wording: { notSaved: 'The copy was not saved', unchanged: 'The plan itself is unchanged.' },
      });
      return resolved;
    });
  }

  /**
   * Replaces a refused file with its backup. The refused file is first copied aside, never discarded, so a
   * person can still recover anything in it by hand.
   */
  restoreBackup(demoDocument: () => PlanDocument, now: Date): Promise<string | null> {
    return this.serialise(async () => {
      await this.assertWritable();
      return this.replaceWithBackup(demoDocument, now);
    });
  }

  private async replaceWithBackup(demoDocument: () => PlanDocument, now: Date): Promise<string | null> {
    const backupPath = backupPathFor(this.path);
    const backupText = await readTextIfExists(backupPath);
    if (backupText === null) throw new PlanFileError(backupPath, 'unreadable', `There is no backup at ${backupPath}.`);
    decodePlanFile(backupPath, backupText);
    let keptAside: string | null = null;
    if ((await readTextIfExists(this.path)) !== null) {
      keptAside = this.path.replace(/(\.json)?$/i, `.refused-${now.toISOString().replace(/[:.]/g, '-')}.json`);
      await copyDurably(this.path, keptAside, { fs: this.settings.fs, wording: RESTORE_WORDING });
    }
    await writeFileDurably(this.path, backupText, { fs: this.settings.fs, wording: RESTORE_WORDING });
    this.unsaved = null;
    this.opened = await PlanStore.load(this.path, demoDocument, this.settings, { create: true });
    return keptAside;
  }
}
