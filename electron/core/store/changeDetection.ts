import { constants as fsConstants } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { asDiskWriteError, codeOf, stageFile, tempPathFor, withRetries } from '../atomicWrite';
import type { DurableFs, StagedFile } from '../atomicWrite';
import { keepConflictCopy, keepDisplacedVersion } from './backups';
import { exists, fileHolds, readBytesIfExists } from './files';
import type { StoreSettings } from './settings';

/** What a save that the disk refused tells the person; their edit stays on screen. */
const PLAN_WORDING = { notSaved: 'Your change was not saved', unchanged: 'The plan on disk is unchanged.' };

/** The file on disk is no longer the one this store read or wrote last: the save was refused. */
export class ExternalChange extends Error {
  constructor(
    readonly createdMeanwhile: boolean,
    readonly size: number,
    readonly mtimeMs: number,
  ) {
    super('changed on disk');
  }
}

export function describeChange(path: string, change: ExternalChange): string {
  if (change.createdMeanwhile) return `${path} was created by another program after this plan was opened`;
  const when = new Date(change.mtimeMs).toLocaleString();
  return `${path} was changed by another program after it was opened here (now ${change.size} bytes, modified ${when})`;
}

/** A save went through, but it displaced a version another program wrote meanwhile; that one was kept. */
/** How often a save tries to hold a file that is being replaced while it looks. */
const HOLD_ATTEMPTS = 20;

export class DisplacedVersionKept extends Error {
  constructor(readonly keptAs: string) {
    super('displaced version kept');
  }
}

interface Held {
  path: string;
  linked: boolean;
}

/**
 * The data file's bytes, written durably and never over a version another program wrote: one that changed
 * since this store last read or wrote the file refuses the save, and one that slips in while saving is kept
 * as a conflict copy. The version a save displaces becomes the backup.
 */
export class GuardedFile {
  /** The file's bytes as last read or written here (null: there was no file); undefined until read. */
  private seen: Buffer | null | undefined = undefined;
  /** The last reason a backup could not be kept (a save never fails for it). */
  backupProblem: string | null = null;
  private readonly fs: DurableFs;

  constructor(
    readonly path: string,
    private readonly settings: StoreSettings,
  ) {
    this.fs = settings.fs;
  }

  async read(): Promise<Buffer | null> {
    const bytes = await readBytesIfExists(this.path);
    this.seen = bytes;
    return bytes;
  }

  /**
   * Stages the new bytes (written in full, fsynced, read back), then keeps a hard link to the file as it is
   * now and checks that version's content against what this store last saw. Where the system can swap two
   * names in one step (Linux) the staged file is swapped in and the version it displaced comes back under
   * the staged name, so one renamed into place by another program after the check is found and kept. A
   * plain rename (elsewhere) displaces the linked version unless a program replaces the file in the moment
   * between the last check and the rename. A program writing into the file in place before the swap or
   * rename writes into the displaced version, which is compared afterwards and kept as
   * `<name>.conflict-<time>.json` when it differs.
   */
  async write(bytes: Buffer): Promise<void> {
    let held: Held | null = null;
    let staged: StagedFile | null = null;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      staged = await stageFile(this.path, bytes, { fs: this.fs, wording: PLAN_WORDING });
      held = await this.holdCurrent();
      const checked = await this.assertUnchanged(held);
      if (held && checked && (await staged.exchange())) {
        this.seen = bytes;
        const checkedCopy = held;
        held = null;
        await this.settleExchanged(staged.tempPath, checkedCopy.path, checked);
        return;
      }
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
      throw error instanceof ExternalChange || error instanceof DisplacedVersionKept
        ? error
        : asDiskWriteError(error, this.path, PLAN_WORDING);
    } finally {
      await staged?.discard();
    }
  }

  /**
   * After a swap, `displaced` is exactly the version the new plan replaced: the one checked, unless another
   * program renamed its own version into place after the check, in which case that one is kept as a
   * conflict copy. The checked copy is kept too if a program wrote into it in place meanwhile.
   */
  private async settleExchanged(displaced: string, checkedCopy: string, checked: Buffer): Promise<void> {
    const [displacedInfo, checkedInfo] = await Promise.all([
      stat(displaced).catch(() => null),
      stat(checkedCopy).catch(() => null),
    ]);
    const sameVersion =
      displacedInfo !== null &&
      checkedInfo !== null &&
      displacedInfo.ino === checkedInfo.ino &&
      displacedInfo.dev === checkedInfo.dev;
    let keptCheckedCopy: string | null = null;
    if (!sameVersion) {
      const copy = await readFile(checkedCopy).catch(() => null);
      if (copy !== null && !copy.equals(checked))
        keptCheckedCopy = await keepConflictCopy(this.path, checkedCopy, this.settings.clock(), this.fs).catch(
          () => checkedCopy,
        );
    }
    if (keptCheckedCopy === null) await withRetries(this.fs, () => this.fs.unlink(checkedCopy)).catch(() => undefined);
    await this.settleDisplaced(displaced, checked);
    if (keptCheckedCopy !== null) throw new DisplacedVersionKept(keptCheckedCopy);
  }

  /**
   * A second name for the file as it is now (a hard link, else a copy); null when there is no file. Linux
   * refuses to link a file whose last name a rename is removing at that instant (ENOENT while the path
   * itself exists), so "no file" is only believed once the path is seen to be missing.
   */
  private async holdCurrent(): Promise<Held | null> {
    // Bounded, so a file system that always answers ENOENT for an existing file fails the save, not hangs it.
    for (let attempt = 0; ; attempt += 1) {
      const hold = tempPathFor(this.path);
      try {
        await this.fs.link(this.path, hold);
        return { path: hold, linked: true };
      } catch (error) {
        if (codeOf(error) === 'ENOENT') {
          if (!(await exists(this.path))) return null;
          if (attempt < HOLD_ATTEMPTS) continue;
        }
      }
      // No hard links on this file system (some network and FAT drives): a copy to compare instead.
      try {
        await withRetries(this.fs, () => this.fs.copyFile(this.path, hold, fsConstants.COPYFILE_EXCL));
        return { path: hold, linked: false };
      } catch (error) {
        if (codeOf(error) !== 'ENOENT') throw error;
        if (!(await exists(this.path))) return null;
        if (attempt >= HOLD_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Compares the held version with what this store last read or wrote, by content: size and modification
   * time can both be kept by an edit. A file deleted meanwhile may be written again (nothing on disk is
   * lost by that). Returns the bytes checked, or null when there is no file.
   */
  private async assertUnchanged(held: Held | null): Promise<Buffer | null> {
    if (held === null) return null;
    const seen = this.seen;
    if (seen === undefined) return readFile(held.path);
    if (seen !== null && (await fileHolds(held.path, seen))) return seen;
    const info = await stat(held.path);
    throw new ExternalChange(seen === null, info.size, info.mtimeMs);
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
    let same: boolean | null;
    try {
      same = await fileHolds(hold, checked);
    } catch (error) {
      this.backupProblem = error instanceof Error ? error.message : String(error);
      return;
    }
    if (same === null) {
      this.backupProblem = `${hold} was removed before it could be kept as the backup.`;
      return;
    }
    if (!same) {
      const keptAs = await keepConflictCopy(this.path, hold, this.settings.clock(), this.fs).catch(() => hold);
      throw new DisplacedVersionKept(keptAs);
    }
    try {
      await keepDisplacedVersion(this.path, { hold, bytes: checked }, this.settings);
      this.backupProblem = null;
    } catch (error) {
      this.backupProblem = error instanceof Error ? error.message : String(error);
      await withRetries(this.fs, () => this.fs.unlink(hold)).catch(() => undefined);
    }
  }
}
