import { createHash } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Low } from 'lowdb';
import type { Adapter } from 'lowdb';
import type { PlanDocument } from '../../shared/model/plan';
import { createPlanValidator } from '../../shared/model/planValidator';
import type { StoreStatus } from '../../shared/api/contract';
import { DomainError } from '../../shared/domain/errors';
import { describeProblems, fieldProblems } from '../../shared/model/validationIssues';
import { decodePlanFile, encodePlanFile } from './planFileCodec';
import { codeOf, leftoverPattern, linkOrCopyDurably, removeLeftovers, writeFileDurably } from './atomicWrite';
import { PlanFileError } from './planFileError';
import { DEFAULT_STALE_AFTER_MS, LOCK_HEARTBEAT_MS, acquireLock, lockPathFor, takeOverLock } from './fileLock';
import type { HeldLock, LockInfo } from './fileLock';
import {
  DEFAULT_DATED_BACKUPS,
  backupPathFor,
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
    readonly kind: 'read_only' | 'changed_on_disk',
    message: string,
  ) {
    super('conflict', message);
    this.name = 'StoreConflictError';
  }
}

/** The file as this store last read or wrote it. */
interface Fingerprint {
  exists: boolean;
  size: number;
  mtimeMs: number;
  /** Hashing a large plan takes time, so it is only worked out when size or time did not settle it. */
  sha256: () => string;
}

const MISSING: Fingerprint = { exists: false, size: 0, mtimeMs: 0, sha256: () => '' };

function lazySha256(bytes: Buffer): () => string {
  let digest: string | null = null;
  return () => (digest ??= createHash('sha256').update(bytes).digest('hex'));
}

/** The file's bytes and their fingerprint, read through one handle; null bytes when there is no file. */
async function readWithFingerprint(path: string): Promise<{ bytes: Buffer | null; fingerprint: Fingerprint }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return { bytes: null, fingerprint: MISSING };
    throw unreadable(path, error);
  }
  try {
    const info = await handle.stat();
    const bytes = await handle.readFile();
    return { bytes, fingerprint: { exists: true, size: bytes.length, mtimeMs: info.mtimeMs, sha256: lazySha256(bytes) } };
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    await handle.close();
  }
}

function unreadable(path: string, error: unknown): PlanFileError {
  const detail = error instanceof Error ? error.message : String(error);
  return new PlanFileError(path, 'unreadable', `${path} could not be read (${detail}).`);
}

async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    throw unreadable(path, error);
  }
}

/** Thrown by the adapter when the file on disk is no longer the one this store read or wrote last. */
class ExternalChange extends Error {
  constructor(
    readonly before: Fingerprint,
    readonly now: Fingerprint,
  ) {
    super('changed on disk');
  }
}

function describeChange(path: string, change: ExternalChange): string {
  const { before, now } = change;
  if (!before.exists) return `${path} was created by another program after this plan was opened`;
  const when = new Date(now.mtimeMs).toISOString();
  return `${path} was changed by another program after it was opened here (now ${now.size} bytes, modified ${when})`;
}

/**
 * lowdb adapter that validates on read and on write, writes durably, keeps the previous file as a backup
 * and refuses to replace a file that changed on disk since this store last read or wrote it.
 */
class ValidatedPlanFile implements Adapter<PlanDocument> {
  /** The file as last read or written here; null until the first read. */
  seen: Fingerprint | null = null;
  /** The last reason a dated backup could not be kept (a save never fails for it). */
  backupProblem: string | null = null;
  private readonly validate = createPlanValidator();

  constructor(
    readonly path: string,
    private readonly dated: DatedBackupPolicy | null,
    private readonly clock: () => Date,
  ) {}

  async read(): Promise<PlanDocument | null> {
    const { bytes, fingerprint } = await readWithFingerprint(this.path);
    this.seen = fingerprint;
    return bytes === null ? null : decodePlanFile(this.path, bytes.toString('utf8'));
  }

  async write(doc: PlanDocument): Promise<void> {
    const invalid = this.validate(doc);
    if (invalid) throw new Error(`Refusing to save an invalid plan: ${describeProblems(fieldProblems(invalid))}`);
    // Encoded once: the same bytes are written, measured and (only if ever needed) hashed.
    const bytes = Buffer.from(encodePlanFile(doc), 'utf8');
    await this.assertUnchanged();
    await mkdir(dirname(this.path), { recursive: true });
    if (this.dated) {
      try {
        await keepDatedBackupIfDue(this.path, this.dated, this.clock());
        this.backupProblem = null;
      } catch (error) {
        this.backupProblem = error instanceof Error ? error.message : String(error);
      }
    }
    // The directory fsync of the write below makes this rename durable too.
    await linkOrCopyDurably(this.path, backupPathFor(this.path), { syncDir: false });
    await writeFileDurably(this.path, bytes);
    let mtimeMs = 0;
    try {
      mtimeMs = (await stat(this.path)).mtimeMs;
    } catch {
      // Without a time the next save compares content instead, which is slower but as safe.
    }
    this.seen = { exists: true, size: bytes.length, mtimeMs, sha256: lazySha256(bytes) };
  }

  /**
   * Compares the file with what this store last read or wrote. A file deleted meanwhile may be written
   * again (nothing on disk is lost by that); any other difference in content refuses the write.
   */
  async assertUnchanged(): Promise<void> {
    if (this.seen === null) return;
    // The same size and modification time as when this store last read or wrote it means nobody else
    // wrote it: reading and hashing a large plan before every save is only needed when either moved.
    const info = await stat(this.path).catch((error: unknown) => {
      if (codeOf(error) === 'ENOENT') return null;
      throw unreadable(this.path, error);
    });
    if (info === null) return;
    if (this.seen.exists && info.size === this.seen.size && info.mtimeMs === this.seen.mtimeMs) return;
    const { fingerprint } = await readWithFingerprint(this.path);
    if (!fingerprint.exists) return;
    if (this.seen.exists && fingerprint.sha256() === this.seen.sha256()) {
      this.seen = fingerprint;
      return;
    }
    throw new ExternalChange(this.seen, fingerprint);
  }
}

type Opened =
  | { kind: 'ready'; db: Low<PlanDocument>; createdFromDemo: boolean }
  | { kind: 'failed'; error: PlanFileError };

interface Settings {
  lock: { staleAfterMs: number; hostname?: string } | null;
  dated: DatedBackupPolicy | null;
  clock: () => Date;
  leftoverAgeMs: number;
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
  return { lock, dated, clock: options.clock ?? (() => new Date()), leftoverAgeMs: options.leftoverAgeMs ?? 10 * 60 * 1000 };
}

/** A path as the file system compares it: Windows and macOS names are case-insensitive by default. */
function samePathKey(path: string): string {
  const full = resolve(path);
  return process.platform === 'win32' || process.platform === 'darwin' ? full.toLowerCase() : full;
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

  private constructor(
    readonly path: string,
    readonly options: PlanStoreOptions,
    private readonly settings: Settings,
    private readonly demoDocument: () => PlanDocument,
    private opened: Opened,
    private lock: HeldLock | null,
  ) {}

  static async open(path: string, demoDocument: () => PlanDocument, options: PlanStoreOptions = {}): Promise<PlanStore> {
    const settings = settingsOf(options);
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
  private static async removeLeftovers(path: string, settings: Settings, lock: HeldLock | null): Promise<void> {
    const olderThanMs = lock && !lock.shared ? 0 : settings.leftoverAgeMs;
    const pattern = leftoverPattern(basename(path), [basename(backupPathFor(path))]);
    await removeLeftovers(dirname(path), pattern, { olderThanMs });
    await removeBackupLeftovers(path, olderThanMs);
  }

  private static async load(
    path: string,
    demoDocument: () => PlanDocument,
    settings: Settings,
    { create }: { create: boolean },
  ): Promise<Opened> {
    const db = new Low<PlanDocument>(new ValidatedPlanFile(path, settings.dated, settings.clock), null as unknown as PlanDocument);
    try {
      await db.read();
    } catch (error) {
      if (error instanceof PlanFileError) return { kind: 'failed', error };
      throw error;
    }
    if (db.data !== null) return { kind: 'ready', db, createdFromDemo: false };
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
        if (error instanceof ExternalChange) throw await this.refuseChangedFile(error);
        throw error;
      }
      db.data = next;
      return next;
    });
  }

  private async refuseChangedFile(change: ExternalChange): Promise<StoreConflictError> {
    const what = describeChange(this.path, change);
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
      if (this.settings.lock && !this.lock) {
        const outcome = await acquireLock(this.path, this.settings.lock);
        if (outcome.kind === 'acquired') {
          this.lock = outcome.lock;
          this.readOnly = null;
          this.startHeartbeat();
        } else {
          this.readOnly = { reason: 'locked_elsewhere', message: outcome.message, holder: holderOf(outcome.holder) };
        }
      }
      this.opened = await PlanStore.load(this.path, this.demoDocument, this.settings, { create: this.readOnly === null });
      return this.status();
    });
  }

  /**
   * "Open for editing anyway": takes the lock from the holder the user confirmed, then reads the file again
   * so this window edits the plan as it is now. The old holder finds its lock gone at its next save and
   * goes read-only there. A lock that names someone else by now is left alone and the status names them.
   */
  takeOverLock(confirmed: ReadOnlyState['holder']): Promise<PlanStoreStatus> {
    return this.serialise(async () => {
      if (this.readOnly?.reason === 'closed' || !this.settings.lock || this.lock) return this.status();
      const outcome = await takeOverLock(this.path, confirmed, this.settings.lock);
      if (outcome.kind === 'acquired') {
        this.lock = outcome.lock;
        this.readOnly = null;
        this.startHeartbeat();
      } else {
        this.readOnly = { reason: 'locked_elsewhere', message: outcome.message, holder: holderOf(outcome.holder) };
      }
      this.opened = await PlanStore.load(this.path, this.demoDocument, this.settings, { create: this.readOnly === null });
      return this.status();
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
  async listBackups(): Promise<Array<BackupFile & { problem: string | null }>> {
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
      const { bytes } = await readWithFingerprint(known.path);
      if (bytes === null) throw new PlanFileError(known.path, 'unreadable', `There is no backup at ${known.path}.`);
      decodePlanFile(known.path, bytes.toString('utf8'));
      const keptAside = await keepAsideBeforeRestore(this.path, this.settings.clock());
      await writeFileDurably(this.path, bytes);
      this.opened = await PlanStore.load(this.path, this.demoDocument, this.settings, { create: false });
      return { keptAside };
    });
  }

  /**
   * Writes the whole plan, as it is in memory, to `target` as one JSON file that opens as a plan (the same
   * format as the data file). Never to the data file itself or its backup.
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
      await writeFileDurably(resolved, encodePlanFile(this.opened.db.data));
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
      await linkOrCopyDurably(this.path, keptAside, { syncDir: false });
    }
    await writeFileDurably(this.path, backupText);
    this.opened = await PlanStore.load(this.path, demoDocument, this.settings, { create: true });
    return keptAside;
  }
}
