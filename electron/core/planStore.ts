import { mkdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Low } from 'lowdb';
import type { PlanDocument } from '../../shared/model/plan';
import type { StoreStatus } from '../../shared/api/contract';
import type { ListedBackup, ReadOnlyState } from '../../shared/model/planFile';
import { DomainError } from '../../shared/domain/errors';
import { encodePlanFile } from './planFileCodec';
import { removeLeftovers, tempNamePattern, writeFileDurably } from './atomicWrite';
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
  | {
      kind: 'ready';
      db: Low<PlanDocument>;
      adapter: PlanFileAdapter;
      file: GuardedFile;
      createdFromDemo: boolean;
    }
  | { kind: 'failed'; error: PlanFileError };

/**
 * Revisions come from one sequence for every store of this process, started from the clock, so a revision a
 * page kept from another plan file or an earlier run of the app never names the plan as it is now.
 */
let lastRevision = Date.now();
const nextRevision = () => (lastRevision += 1);

/**
 * What one edit did: the plan before and after it, the revision the plan now has, and whether the file
 * already holds it (`whenSaved` says when it does, or why it never will).
 */
export interface SavedEdit {
  before: PlanDocument;
  after: PlanDocument;
  revision: number;
  written: boolean;
}

/** The file holds the plan at `revision`, with every edit up to it. */
export interface WrittenRevision {
  saved: true;
  revision: number;
}

/**
 * A write that did not go as asked: every edit after revision `after` up to `upTo` is answered with `error`.
 * `dropped` edits were taken out of the plan in memory (the file never held them); the others were saved,
 * but another program's version was kept aside meanwhile.
 */
interface WriteRefusal {
  after: number;
  upTo: number;
  error: Error;
  dropped: boolean;
}

interface Waiter {
  revision: number;
  resolve: (written: WrittenRevision) => void;
  reject: (error: Error) => void;
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
  /** The plan with the edits a write refused (the disk, or a lock lost), kept so "Save a copy elsewhere" can still write it out. */
  private unsaved: PlanDocument | null = null;
  /**
   * Which version of the plan this store holds, kept in memory only (never in the file): moves on with
   * every edit and every reading of the file, so an external change found by the store moves it too.
   */
  private revisionNo = nextRevision();
  /** The revision the file holds; behind `revisionNo` while edits shown are still being written. */
  private savedRevision = this.revisionNo;
  /** The plan as the file holds it: what memory goes back to when a write is refused. */
  private written: PlanDocument | null = null;
  /** The write under way, which goes on to write any edits made meanwhile; null when the file is up to date. */
  private writer: Promise<void> | null = null;
  private readonly refusals: WriteRefusal[] = [];
  private waiters: Waiter[] = [];

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
    store.written = opened.kind === 'ready' ? opened.db.data : null;
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
    const adapter = new PlanFileAdapter(file);
    const db = new Low<PlanDocument | null>(adapter, null);
    try {
      await db.read();
    } catch (error) {
      if (error instanceof PlanFileError) return { kind: 'failed', error };
      throw error;
    }
    // From here on the plan in memory is never null: read() filled it, or the demo's first save below.
    if (db.data !== null) return { kind: 'ready', db: db as Low<PlanDocument>, adapter, file, createdFromDemo: false };
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
    return { kind: 'ready', db: db as Low<PlanDocument>, adapter, file, createdFromDemo: true };
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
    this.savedRevision = this.revisionNo;
    this.written = opened.kind === 'ready' ? opened.db.data : null;
  }

  /** The plan as it is in memory, with edits still being written (a page shows them as "Saving…"). */
  document(): PlanDocument | null {
    if (this.opened.kind !== 'ready') return null;
    return this.opened.db.data;
  }

  /**
   * The plan as the file holds it: what anything leaving the app (a paper, a workbook, an email) is made
   * from, so it never holds an edit the file may yet refuse. Await `settled()` first to include every edit
   * made so far.
   */
  savedDocument(): PlanDocument | null {
    return this.opened.kind === 'ready' ? this.written : null;
  }

  /** Why a dated backup could not be kept at the last save, or null. Saving itself went ahead. */
  backupProblem(): string | null {
    return this.opened.kind === 'ready' ? this.opened.file.backupProblem : null;
  }

  /**
   * Runs one edit and waits until the file holds it. A file changed on disk by someone else is never
   * overwritten: the edit is refused with a StoreConflictError and the store reloads the file.
   */
  async update(change: (doc: PlanDocument) => PlanDocument): Promise<PlanDocument> {
    const saved = await this.save(change);
    await this.whenSaved(saved.revision);
    return saved.after;
  }

  /**
   * Applies one edit to the plan in memory, checked as a save checks it, and answers at once: the write
   * follows behind (`whenSaved` says when the file holds it). Edits are applied one at a time, each to the
   * plan the one before it made, and edits made while a write is under way are written together by the
   * next write. The change is told the revision it edits.
   */
  save(change: (doc: PlanDocument, revision: number) => PlanDocument): Promise<SavedEdit> {
    return this.serialise((): SavedEdit => {
      if (this.opened.kind !== 'ready') throw this.opened.error;
      if (this.readOnly) throw new StoreConflictError('read_only', `Not saved: ${this.readOnly.message}`);
      const { db, adapter } = this.opened;
      const previous = db.data;
      const next = change(previous, this.revisionNo);
      if (next === previous) {
        return { before: previous, after: next, revision: this.revisionNo, written: !this.writer };
      }
      adapter.check(next);
      db.data = next;
      this.revisionNo = nextRevision();
      this.writer ??= this.writeBehind();
      return { before: previous, after: next, revision: this.revisionNo, written: false };
    });
  }

  /**
   * Answers once the file holds the plan at `revision` (or a later one), or with the refusal that dropped
   * the edit: the disk's error, or a StoreConflictError (read-only now, changed on disk, or saved with
   * another program's version kept aside).
   */
  whenSaved(revision: number): Promise<WrittenRevision> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ revision, resolve, reject });
      this.answerWaiters();
    });
  }

  /** Resolves when no write is under way and the file holds every edit made before it resolved, or refused them. */
  async settled(): Promise<void> {
    while (this.writer) await this.writer;
  }

  /** Whether the edit that made `revision` was taken out of the plan because the file refused it. */
  dropped(revision: number): boolean {
    return this.refusalOf(revision)?.dropped ?? false;
  }

  private refusalOf(revision: number): WriteRefusal | undefined {
    return this.refusals.find((refusal) => revision > refusal.after && revision <= refusal.upTo);
  }

  private answerWaiters(): void {
    this.waiters = this.waiters.filter(({ revision, resolve, reject }) => {
      const refusal = this.refusalOf(revision);
      if (refusal) reject(refusal.error);
      else if (revision <= this.savedRevision) resolve({ saved: true, revision: this.savedRevision });
      // A revision this store never gave out (another plan's, or a later run's) names nothing to wait for.
      else if (revision > this.revisionNo) reject(new DomainError('not_found', 'That change is not one of this plan.'));
      else return true;
      return false;
    });
  }

  /**
   * Writes the plan in memory until the file holds the latest edit: one write at a time, each of the
   * newest plan, so edits made during a write cost one more write between them, not one each.
   */
  private async writeBehind(): Promise<void> {
    while (this.opened.kind === 'ready' && this.savedRevision !== this.revisionNo) {
      await this.writeLatest(this.opened);
      this.answerWaiters();
    }
    // Cleared in the same step as the check above, so an edit made after it starts a writer of its own.
    this.writer = null;
  }

  private async writeLatest(opened: Extract<Opened, { kind: 'ready' }>): Promise<void> {
    const plan = opened.db.data;
    const revision = this.revisionNo;
    const lastGood = this.savedRevision;
    try {
      await this.assertWritable();
      await opened.adapter.writeChecked(plan);
      this.saved(plan, revision);
    } catch (error) {
      if (error instanceof DisplacedVersionKept) {
        this.saved(plan, revision);
        this.refusals.push({
          after: lastGood,
          upTo: revision,
          dropped: false,
          error: new StoreConflictError(
            'kept_displaced',
            `Your change was saved, but another program changed ${this.path} while it was being saved. ` +
              `That program's version was kept as ${error.keptAs} (listed under Backups); compare the two before you go on.`,
          ),
        });
        return;
      }
      this.refusals.push(await this.rollBack(opened, error, lastGood));
    }
  }

  private saved(plan: PlanDocument, revision: number): void {
    this.written = plan;
    this.savedRevision = revision;
    this.unsaved = null;
  }

  /**
   * After a refused write, memory goes back to the plan the file holds (or, when another program changed
   * the file, to the file as it is now): every edit since the last good write is dropped, and the revision
   * moves on so no page mistakes the plan for one holding them.
   */
  private async rollBack(
    opened: Extract<Opened, { kind: 'ready' }>,
    error: unknown,
    lastGood: number,
  ): Promise<WriteRefusal> {
    const refusal = (upTo: number, refused: Error): WriteRefusal => ({
      after: lastGood,
      upTo,
      error: refused,
      dropped: true,
    });
    if (error instanceof ExternalChange) {
      const loaded = await this.reloadChangedFile(error);
      // Read after the reload: edits made while it ran were made on the plan it replaced.
      const upTo = this.revisionNo;
      this.unsaved = null;
      this.adopt(loaded.opened);
      return refusal(upTo, loaded.refusal);
    }
    const upTo = this.revisionNo;
    this.unsaved = opened.db.data;
    opened.db.data = this.written ?? opened.db.data;
    this.revisionNo = nextRevision();
    this.savedRevision = this.revisionNo;
    return refusal(upTo, error instanceof Error ? error : new Error(String(error)));
  }

  private async reloadChangedFile(change: ExternalChange): Promise<{ opened: Opened; refusal: StoreConflictError }> {
    const what = describeChange(this.path, change);
    const opened = await PlanStore.load(this.path, this.demoDocument, this.settings, { create: false });
    const after =
      opened.kind === 'ready'
        ? 'The plan has been reloaded from the file as it is now; make your change again.'
        : `The file as it is now cannot be opened either: ${opened.error.message}`;
    const refusal = new StoreConflictError(
      'changed_on_disk',
      `Your change was not saved: ${what}, and it has been left as it is. ${after}`,
    );
    return { opened, refusal };
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

  private serialise<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Reads the file again, and a read-only store tries again for the lock (the other instance may have
   * closed). Waits for the edits being written first, so none is lost.
   */
  reload(): Promise<StoreStatus> {
    return this.serialise(async () => {
      await this.settled();
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
      await this.settled();
      if (this.readOnly?.reason === 'closed' || !this.settings.lock || this.lock) return this.status();
      this.adoptLockOutcome(await takeOverLock(this.path, confirmed, this.settings.lock));
      return this.readAgain();
    });
  }

  /** Releases the lock once every edit has been written (or refused). The store writes nothing afterwards. */
  close(): Promise<void> {
    return this.serialise(async () => {
      await this.settled();
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

  /** The immediate backup, the dated ones and those kept aside before a restore, newest first, once the edits made so far are written. */
  async listBackups(): Promise<ListedBackup[]> {
    await this.settled();
    return listCheckedBackups(this.path);
  }

  /**
   * Replaces the file with one of its backups (one listBackups names), first keeping the file as it is now
   * in `backups/` so the restore itself can be undone. Works on a refused file too. Returns where the file
   * was kept.
   */
  restoreFrom(backupPath: string): Promise<{ keptAside: string | null }> {
    return this.serialise(async () => {
      await this.settled();
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
      await this.settled();
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
      await this.settled();
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
