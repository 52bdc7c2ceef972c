import { mkdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Low } from 'lowdb';
import type { PlanDocument } from '../../shared/model/plan';
import type { StoreStatus } from '../../shared/api/contract';
import type { ListedBackup, ReadOnlyState } from '../../shared/model/planFile';
import { DomainError } from '../../shared/domain/errors';
import { encodePlanFile } from './planFileCodec';
import { DiskWriteError, removeLeftovers, tempNamePattern, writeFileDurably } from './atomicWrite';
import { PlanFileError } from './planFileError';
import { LOCK_HEARTBEAT_MS, acquireLock, lockPathFor, takeOverLock } from './fileLock';
import type { HeldLock, LockInfo, LockOutcome } from './fileLock';
import { backupPathFor, removeBackupLeftovers } from './backupRotation';
import { DisplacedVersionKept, ExternalChange, GuardedFile, describeChange } from './store/changeDetection';
import { listCheckedBackups, replaceWithImmediateBackup, restoreFromBackup } from './store/backups';
import { realPathOf, samePathKey } from './store/files';
import { PlanFileAdapter } from './store/planFileAdapter';
import { settingsOf } from './store/settings';
import type { PlanStoreOptions, StoreSettings } from './store/settings';

export { backupPathFor } from './backupRotation';
export { DESKTOP_STORE_OPTIONS } from './store/settings';
export type { PlanStoreOptions } from './store/settings';

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

/** The plan in memory, read and written through lowdb over the data file's own adapter. */
type Opened =
  | { kind: 'ready'; db: Low<PlanDocument>; file: GuardedFile; createdFromDemo: boolean }
  | { kind: 'failed'; error: PlanFileError };

/**
 * Revisions come from one sequence for every store of this process, started from the clock, so a revision a
 * page kept from another plan file or an earlier run of the app never names the plan as it is now.
 */
let lastRevision = Date.now();
const nextRevision = () => (lastRevision += 1);

/** What one saved edit did: the plan before and after it, and the revision the plan now has. */
export interface SavedEdit {
  before: PlanDocument;
  after: PlanDocument;
  revision: number;
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
  /** The plan as the file holds it while an edit is being saved: no one reads an edit that may yet fail. */
  private beforeSave: PlanDocument | null = null;
  /**
   * Which version of the plan this store holds, kept in memory only (never in the file): moves on with
   * every saved edit and every reading of the file, so an external change found by the store moves it too.
   */
  private revisionNo = nextRevision();

  private constructor(
    readonly path: string,
    readonly options: PlanStoreOptions,
    private readonly settings: StoreSettings,
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
  static async open(
    requestedPath: string,
    demoDocument: () => PlanDocument,
    options: PlanStoreOptions = {},
  ): Promise<PlanStore> {
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

  /**
   * Temp files of writes that were killed: ours to remove if we hold the lock, else only old ones. Only names the writer makes (`.<name>.<pid>.<random>.tmp`) are removed. Files named like the temp
   * files of earlier versions (`<name>.<digits>`) are left alone: a person may keep `plan.json.1` or
   * `plan.json.2023` beside the plan, and nothing proves those were ours.
   */
  private static async removeLeftovers(path: string, settings: StoreSettings, lock: HeldLock | null): Promise<void> {
    const olderThanMs = lock && !lock.shared ? 0 : settings.leftoverAgeMs;
    const pattern = tempNamePattern([basename(path), basename(backupPathFor(path))]);
    await removeLeftovers(dirname(path), pattern, { olderThanMs });
    await removeBackupLeftovers(path, olderThanMs);
  }

  private static async load(
    path: string,
    demoDocument: () => PlanDocument,
    settings: StoreSettings,
    { create }: { create: boolean },
  ): Promise<Opened> {
    const file = new GuardedFile(path, settings);
    const db = new Low<PlanDocument | null>(new PlanFileAdapter(file), null);
    try {
      await db.read();
    } catch (error) {
      if (error instanceof PlanFileError) return { kind: 'failed', error };
      throw error;
    }
    // From here on the plan in memory is never null: read() filled it, or the demo's first save below.
    if (db.data !== null) return { kind: 'ready', db: db as Low<PlanDocument>, file, createdFromDemo: false };
    if (!create) {
      return {
        kind: 'failed',
        error: new PlanFileError(
          path,
          'unreadable',
          `${path} does not exist yet, and it is open read-only here, so it was not created.`,
        ),
      };
    }
    db.data = demoDocument();
    await db.write();
    return { kind: 'ready', db: db as Low<PlanDocument>, file, createdFromDemo: true };
  }

  private startHeartbeat(): void {
    if (!this.lock) return;
    const lock = this.lock;
    // Real time, not the store's clock: other instances compare it with the lock file's real mtime.
    this.heartbeat = setInterval(() => void lock.touch(), LOCK_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  status(): StoreStatus {
    const backupPath = backupPathFor(this.path);
    const extra = this.readOnly ? { readOnly: this.readOnly } : {};
    if (this.opened.kind === 'ready') {
      return { kind: 'ready', path: this.path, backupPath, createdFromDemo: this.opened.createdFromDemo, ...extra };
    }
    const { error } = this.opened;
    return {
      kind: 'failed',
      path: this.path,
      reason: error.reason,
      message: error.message,
      problems: error.problems,
      backupPath,
      ...extra,
    };
  }

  /** The revision of the plan as it is in memory now: pages send it back with each edit. */
  revision(): number {
    return this.revisionNo;
  }

  private adopt(opened: Opened): void {
    this.opened = opened;
    this.revisionNo = nextRevision();
  }

  document(): PlanDocument | null {
    if (this.opened.kind !== 'ready') return null;
    return this.beforeSave ?? this.opened.db.data;
  }

  /** Why a dated backup could not be kept at the last save, or null. Saving itself went ahead. */
  backupProblem(): string | null {
    return this.opened.kind === 'ready' ? this.opened.file.backupProblem : null;
  }

  /**
   * Runs one edit at a time: the change sees the document the previous edit saved, and the document in
   * memory only moves on once the file holds it. A file changed on disk by someone else is never
   * overwritten: the edit is refused with a StoreConflictError and the store reloads the file.
   */
  update(change: (doc: PlanDocument) => PlanDocument): Promise<PlanDocument> {
    return this.save(change).then((saved) => saved.after);
  }

  /** As `update`, also giving the plan before the edit and the revision after it; the change is told the revision it edits. */
  save(change: (doc: PlanDocument, revision: number) => PlanDocument): Promise<SavedEdit> {
    return this.serialise(async () => {
      if (this.opened.kind !== 'ready') throw this.opened.error;
      await this.assertWritable();
      const { db } = this.opened;
      const previous = db.data;
      const next = change(previous, this.revisionNo);
      if (next === previous) return { before: previous, after: next, revision: this.revisionNo };
      db.data = next;
      this.beforeSave = previous;
      try {
        await db.write();
      } catch (error) {
        if (error instanceof DisplacedVersionKept) {
          this.unsaved = null;
          this.revisionNo = nextRevision();
          throw new StoreConflictError(
            'kept_displaced',
            `Your change was saved, but another program changed ${this.path} while it was being saved. ` +
              `That program's version was kept as ${error.keptAs} (listed under Backups); compare the two before you go on.`,
          );
        }
        db.data = previous;
        if (error instanceof DiskWriteError) this.unsaved = next;
        if (error instanceof ExternalChange) throw await this.refuseChangedFile(error);
        throw error;
      } finally {
        this.beforeSave = null;
      }
      this.unsaved = null;
      this.revisionNo = nextRevision();
      return { before: previous, after: next, revision: this.revisionNo };
    });
  }

  private async refuseChangedFile(change: ExternalChange): Promise<StoreConflictError> {
    const what = describeChange(this.path, change);
    this.unsaved = null;
    this.adopt(await PlanStore.load(this.path, this.demoDocument, this.settings, { create: false }));
    const after =
      this.opened.kind === 'ready'
        ? 'The plan has been reloaded from the file as it is now; make your change again.'
        : `The file as it is now cannot be opened either: ${this.opened.error.message}`;
    return new StoreConflictError(
      'changed_on_disk',
      `Your change was not saved: ${what}, and it has been left as it is. ${after}`,
    );
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
  reload(): Promise<StoreStatus> {
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
  private async readAgain(): Promise<StoreStatus> {
    this.adopt(await PlanStore.load(this.path, this.demoDocument, this.settings, { create: this.readOnly === null }));
    return this.status();
  }

  /**
   * "Open for editing anyway": takes the lock from the holder the user confirmed, then reads the file again
   * so this window edits the plan as it is now. The old holder finds its lock gone at its next save and
   * goes read-only there. A lock that names someone else by now is left alone and the status names them.
   */
  takeOverLock(confirmed: ReadOnlyState['holder']): Promise<StoreStatus> {
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
  listBackups(): Promise<ListedBackup[]> {
    return listCheckedBackups(this.path);
  }

  /**
   * Replaces the file with one of its backups (one listBackups names), first keeping the file as it is now
   * in `backups/` so the restore itself can be undone. Works on a refused file too. Returns where the file
   * was kept.
   */
  restoreFrom(backupPath: string): Promise<{ keptAside: string | null }> {
    return this.serialise(async () => {
      await this.assertWritable();
      const keptAside = await restoreFromBackup(this.path, backupPath, this.settings.clock(), this.settings.fs);
      this.unsaved = null;
      this.adopt(await PlanStore.load(this.path, this.demoDocument, this.settings, { create: false }));
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
        throw new DomainError(
          'invalid',
          `Export to another file: ${target} is the plan's own data file or its backup.`,
          'path',
        );
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
    const keptAside = await replaceWithImmediateBackup(this.path, now, this.settings.fs);
    this.unsaved = null;
    this.adopt(await PlanStore.load(this.path, demoDocument, this.settings, { create: true }));
    return keptAside;
  }
}
