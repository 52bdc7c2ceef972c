import { dirname, resolve } from 'node:path';
import type { ListedBackup } from '../../../shared/model/planFile';
import { DomainError } from '../../../shared/domain/errors';
import { codeOf, copyDurably, syncDirectory, withRetries, writeFileDurably } from '../atomicWrite';
import type { DurableFs } from '../atomicWrite';
import {
  backupPathFor,
  conflictPathFor,
  keepAsideBeforeRestore,
  keepDatedBackupIfDue,
  listBackupFiles,
} from '../backupRotation';
import type { DatedBackupPolicy } from '../backupRotation';
import { decodePlanFile } from '../planFileCodec';
import { PlanFileError } from '../planFileError';
import { exists, fileHolds, readBytesIfExists, readTextIfExists } from './files';

/**
 * The bytes this store last made the immediate backup, kept across reloads of the file. A program that had
 * the plan open for writing while it was saved may write into that displaced version afterwards; the next
 * save finds such a write and keeps it as a conflict copy instead of replacing it.
 */
export interface LatestBackupMemory {
  bytes: Buffer | null;
}

const RESTORE_WORDING = { notSaved: 'The backup was not restored', unchanged: 'The plan on disk is unchanged.' };

/**
 * Keeps `source` beside the file as `<name>.conflict-<time>.json` and returns that path. A link, unlike a
 * rename, never replaces a conflict copy kept earlier in the same second.
 */
export async function keepConflictCopy(path: string, source: string, now: Date, fs: DurableFs): Promise<string> {
  for (let serial = 0; ; serial += 1) {
    const target = conflictPathFor(path, now, serial);
    try {
      await fs.link(source, target);
      await withRetries(fs, () => fs.unlink(source)).catch(() => undefined);
      await syncDirectory(dirname(path), fs);
      return target;
    } catch (error) {
      if (codeOf(error) === 'EEXIST') continue;
      if (await exists(target)) continue;
      await withRetries(fs, () => fs.rename(source, target));
      return target;
    }
  }
}

export interface DisplacedVersion {
  /** A second name for the version a save displaced; it is no longer the live file. */
  hold: string;
  /** Its bytes, as this store last read or wrote them. */
  bytes: Buffer;
}

/**
 * The version a save displaced becomes the immediate backup, and a dated one when one is due. The
 * immediate backup it replaces is first kept as a conflict copy if another program wrote into it after this
 * store put it there.
 */
export async function keepDisplacedVersion(
  path: string,
  displaced: DisplacedVersion,
  settings: { dated: DatedBackupPolicy | null; clock: () => Date; fs: DurableFs; latestBackup: LatestBackupMemory },
): Promise<void> {
  const { dated, clock, fs, latestBackup } = settings;
  if (dated) await keepDatedBackupIfDue(path, displaced.hold, dated, clock());
  const latest = backupPathFor(path);
  if (latestBackup.bytes !== null) {
    const same = await fileHolds(latest, latestBackup.bytes).catch(() => null);
    if (same === false) await keepConflictCopy(path, latest, clock(), fs);
  }
  await withRetries(fs, () => fs.rename(displaced.hold, latest));
  latestBackup.bytes = displaced.bytes;
}

/** The immediate backup, the dated ones, those kept aside before a restore and conflict copies, newest first. */
export async function listCheckedBackups(path: string): Promise<ListedBackup[]> {
  const files = await listBackupFiles(path);
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
 * Replaces the file with one of its backups (one listCheckedBackups names). The backup must open in this
 * version; the file as it is now is first kept in `backups/` as `<name>.before-restore-<time>.json`, so
 * the restore itself can be undone. Returns where the file was kept.
 */
export async function restoreFromBackup(
  path: string,
  backupPath: string,
  now: Date,
  fs: DurableFs,
): Promise<string | null> {
  const wanted = resolve(backupPath);
  const known = (await listBackupFiles(path)).find((file) => resolve(file.path) === wanted);
  if (!known) throw new DomainError('invalid', `${backupPath} is not one of the backups of ${path}.`, 'backupPath');
  const bytes = await readBytesIfExists(known.path);
  if (bytes === null) throw new PlanFileError(known.path, 'unreadable', `There is no backup at ${known.path}.`);
  decodePlanFile(known.path, bytes.toString('utf8'));
  const keptAside = await keepAsideBeforeRestore(path, now);
  await writeFileDurably(path, bytes, { fs, wording: RESTORE_WORDING });
  return keptAside;
}

/**
 * Replaces a refused file with its immediate backup. The refused file is first copied aside, never
 * discarded, so a person can still recover anything in it by hand. Returns where it was kept.
 */
export async function replaceWithImmediateBackup(path: string, now: Date, fs: DurableFs): Promise<string | null> {
  const backupPath = backupPathFor(path);
  const backupText = await readTextIfExists(backupPath);
  if (backupText === null) throw new PlanFileError(backupPath, 'unreadable', `There is no backup at ${backupPath}.`);
  decodePlanFile(backupPath, backupText);
  let keptAside: string | null = null;
  if ((await readTextIfExists(path)) !== null) {
    keptAside = path.replace(/(\.json)?$/i, `.refused-${now.toISOString().replace(/[:.]/g, '-')}.json`);
    await copyDurably(path, keptAside, { fs, wording: RESTORE_WORDING });
  }
  await writeFileDurably(path, backupText, { fs, wording: RESTORE_WORDING });
  return keptAside;
}
