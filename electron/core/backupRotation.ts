import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { linkOrCopyDurably, removeLeftovers } from './atomicWrite';

/** Dated copies of the data file kept in `backups/` beside it. */
export interface DatedBackupPolicy {
  /** How many dated backups to keep; older ones are deleted. */
  keep: number;
  /** At most one dated backup per this interval (default one hour). */
  minIntervalMs: number;
}

export const HOUR_MS = 60 * 60 * 1000;
export const DEFAULT_DATED_BACKUPS: DatedBackupPolicy = { keep: 10, minIntervalMs: HOUR_MS };

export type BackupKind = 'latest' | 'dated' | 'before-restore';

export interface BackupFile {
  path: string;
  kind: BackupKind;
  /** When the copy was taken: from the name for dated copies (UTC), else the file's modification time. */
  takenAt: string;
  size: number;
}

/** The immediate backup: the file as it was before the last save, beside it. */
export function backupPathFor(path: string): string {
  return path.replace(/(\.json)?$/i, '.backup.json');
}

export function backupsDirFor(path: string): string {
  return join(dirname(path), 'backups');
}

/** The data file's name without `.json`, as dated backup names start with it. */
function stemOf(path: string): string {
  return basename(path).replace(/\.json$/i, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** YYYYMMDD-HHMMSS in UTC, so names sort by time and never repeat across a clock change for summer time. */
export function stampOf(date: Date): string {
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}-` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  );
}

function namePattern(path: string): RegExp {
  return new RegExp(`^${escapeRegExp(stemOf(path))}\\.(backup|before-restore)-(\\d{8})-(\\d{6})(?:-(\\d+))?\\.json$`);
}

function timeOfStamp(day: string, time: string): number {
  return Date.UTC(
    Number(day.slice(0, 4)),
    Number(day.slice(4, 6)) - 1,
    Number(day.slice(6, 8)),
    Number(time.slice(0, 2)),
    Number(time.slice(2, 4)),
    Number(time.slice(4, 6)),
  );
}

interface Found {
  path: string;
  kind: 'dated' | 'before-restore';
  at: number;
  serial: number;
}

async function findInBackupsDir(path: string): Promise<Found[]> {
  const dir = backupsDirFor(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const pattern = namePattern(path);
  const found: Found[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match) continue;
    found.push({
      path: join(dir, name),
      kind: match[1] === 'backup' ? 'dated' : 'before-restore',
      at: timeOfStamp(match[2]!, match[3]!),
      serial: Number(match[4] ?? 0),
    });
  }
  // Newest first; within one second, the higher serial is newer.
  return found.sort((a, b) => b.at - a.at || b.serial - a.serial);
}

/** A name in `backups/` for a copy taken now that no existing file has. */
async function freshName(path: string, kind: 'backup' | 'before-restore', now: Date): Promise<string> {
  const dir = backupsDirFor(path);
  const base = `${stemOf(path)}.${kind}-${stampOf(now)}`;
  for (let serial = 0; ; serial += 1) {
    const candidate = join(dir, serial === 0 ? `${base}.json` : `${base}-${serial}.json`);
    try {
      await stat(candidate);
    } catch {
      return candidate;
    }
  }
}

/**
 * Before a save replaces the file: keeps the file as it is now as a dated backup if the newest dated
 * backup is at least `minIntervalMs` old (or in the future, after a clock change), then deletes all but the
 * newest `keep`. Returns the new backup's path, or null when none was due (or there is no file yet).
 */
export async function keepDatedBackupIfDue(path: string, policy: DatedBackupPolicy, now: Date): Promise<string | null> {
  const dated = (await findInBackupsDir(path)).filter((file) => file.kind === 'dated');
  const newest = dated[0];
  const age = newest ? now.getTime() - newest.at : Number.POSITIVE_INFINITY;
  if (newest && age >= 0 && age < policy.minIntervalMs) return null;
  try {
    await stat(path);
  } catch {
    return null;
  }
  await mkdir(backupsDirFor(path), { recursive: true });
  const target = await freshName(path, 'backup', now);
  if (!(await linkOrCopyDurably(path, target))) return null;
  await pruneDatedBackups(path, policy.keep);
  return target;
}

/** Deletes all but the newest `keep` dated backups (copies kept aside before a restore are not touched). */
export async function pruneDatedBackups(path: string, keep: number): Promise<string[]> {
  const dated = (await findInBackupsDir(path)).filter((file) => file.kind === 'dated');
  const removed: string[] = [];
  for (const file of dated.slice(Math.max(0, keep))) {
    await rm(file.path, { force: true });
    removed.push(file.path);
  }
  return removed;
}

/** Keeps the file as it is now under `backups/<name>.before-restore-<stamp>.json`; null if there is no file. */
export async function keepAsideBeforeRestore(path: string, now: Date): Promise<string | null> {
  try {
    await stat(path);
  } catch {
    return null;
  }
  await mkdir(backupsDirFor(path), { recursive: true });
  const target = await freshName(path, 'before-restore', now);
  return (await linkOrCopyDurably(path, target)) ? target : null;
}

/** Every backup of the file: the immediate one, the dated ones and those kept before a restore, newest first. */
export async function listBackupFiles(path: string): Promise<BackupFile[]> {
  const files: BackupFile[] = [];
  const latest = backupPathFor(path);
  try {
    const info = await stat(latest);
    if (info.isFile()) files.push({ path: latest, kind: 'latest', takenAt: new Date(info.mtimeMs).toISOString(), size: info.size });
  } catch {
    // no immediate backup yet
  }
  for (const found of await findInBackupsDir(path)) {
    try {
      const info = await stat(found.path);
      if (!info.isFile()) continue;
      files.push({ path: found.path, kind: found.kind, takenAt: new Date(found.at).toISOString(), size: info.size });
    } catch {
      // removed meanwhile
    }
  }
  return files.sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt));
}

/** Removes temp files that killed copies into `backups/` left behind (see linkOrCopyDurably). */
export async function removeBackupLeftovers(path: string, olderThanMs: number): Promise<string[]> {
  const pattern = new RegExp(
    `^${escapeRegExp(stemOf(path))}\\.(?:backup|before-restore)-\\d{8}-\\d{6}(?:-\\d+)?\\.json\\.\\d{1,10}\\.link$`,
  );
  return removeLeftovers(backupsDirFor(path), pattern, { olderThanMs });
}
