import { link, lstat, mkdir, readdir, rm, stat } from 'node:fs/promises';
import nodePath from 'node:path';
import { codeOf, copyDurably, nodeDurableFs, removeLeftovers, syncDirectory, withRetries } from './atomicWrite';
import type { PathApi } from './atomicWrite';
import type { BackupFile } from '../../shared/model/planFile';

/** Dated copies of the data file kept in `backups/` beside it. */
export interface DatedBackupPolicy {
  /** How many dated backups to keep; older ones are deleted. */
  keep: number;
  /** At most one dated backup per this interval (default one hour). */
  minIntervalMs: number;
}

export const HOUR_MS = 60 * 60 * 1000;
export const DEFAULT_DATED_BACKUPS: DatedBackupPolicy = { keep: 10, minIntervalMs: HOUR_MS };

/** The immediate backup: the file as it was before the last save, beside it. */
export function backupPathFor(path: string): string {
  return path.replace(/(\.json)?$/i, '.backup.json');
}

export function backupsDirFor(path: string, pathApi: PathApi = nodePath): string {
  return pathApi.join(pathApi.dirname(path), 'backups');
}

/** The data file's name without `.json`, as dated backup names start with it. */
function stemOf(path: string, pathApi: PathApi = nodePath): string {
  return pathApi.basename(path).replace(/\.json$/i, '');
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

/**
 * `<stem>.backup-<stamp>-s<seq>.json` (and `.before-restore-…`): the sequence number orders copies, since
 * the clock that wrote a stamp may have been wrong. Names from before sequence numbers (`-<serial>` or
 * none) count as sequence 0, older than any numbered one.
 */
function namePattern(path: string): RegExp {
  return new RegExp(
    `^${escapeRegExp(stemOf(path))}\\.(backup|before-restore)-(\\d{8})-(\\d{6})(?:-(\\d+))?(?:-s(\\d+))?\\.json$`,
  );
}

function conflictPattern(path: string): RegExp {
  return new RegExp(`^${escapeRegExp(stemOf(path))}\\.conflict-(\\d{8})-(\\d{6})(?:-(\\d+))?\\.json$`);
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
  /** The UTC day in the name, YYYYMMDD. */
  day: string;
  seq: number;
  serial: number;
}

/** The names in `dir` that match `pattern`, with the match; none when the folder cannot be read. */
async function namesMatching(dir: string, pattern: RegExp): Promise<{ name: string; match: RegExpExecArray }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const match = pattern.exec(name);
    return match ? [{ name, match }] : [];
  });
}

async function findInBackupsDir(path: string): Promise<Found[]> {
  const dir = backupsDirFor(path);
  const found: Found[] = [];
  for (const { name, match } of await namesMatching(dir, namePattern(path))) {
    found.push({
      path: nodePath.join(dir, name),
      kind: match[1] === 'backup' ? 'dated' : 'before-restore',
      at: timeOfStamp(match[2]!, match[3]!),
      day: match[2]!,
      seq: Number(match[5] ?? 0),
      serial: Number(match[4] ?? 0),
    });
  }
  // Newest first by sequence; names without one by their time, and within one second by serial.
  return found.sort((a, b) => b.seq - a.seq || b.at - a.at || b.serial - a.serial);
}

/** The name of a copy in `backups/`, taken at `now` with sequence number `seq`. */
export function backupNameFor(
  path: string,
  kind: 'backup' | 'before-restore',
  seq: number,
  now: Date,
  pathApi: PathApi = nodePath,
): string {
  return pathApi.join(backupsDirFor(path, pathApi), `${stemOf(path, pathApi)}.${kind}-${stampOf(now)}-s${seq}.json`);
}

/** Where a version of the file displaced by another program is kept, beside the file. */
export function conflictPathFor(path: string, now: Date, serial = 0, pathApi: PathApi = nodePath): string {
  const name = `${stemOf(path, pathApi)}.conflict-${stampOf(now)}${serial === 0 ? '' : `-${serial}`}.json`;
  return pathApi.join(pathApi.dirname(path), name);
}

/**
 * Puts `source` (a version that is no longer the live file) into `backups/` under the next sequence
 * number: a hard link where the file system allows one, else a durable copy. `link` never replaces an
 * existing name, so two writers can never take one name.
 */
async function keepInBackups(
  path: string,
  source: string,
  kind: 'backup' | 'before-restore',
  now: Date,
): Promise<string | null> {
  await mkdir(backupsDirFor(path), { recursive: true });
  for (;;) {
    const newest = (await findInBackupsDir(path))[0];
    const target = backupNameFor(path, kind, (newest?.seq ?? 0) + 1, now);
    try {
      await link(source, target);
      await syncDirectory(backupsDirFor(path));
      return target;
    } catch (error) {
      const code = codeOf(error);
      if (code === 'ENOENT') return null;
      if (code === 'EEXIST') continue;
      return (await copyDurably(source, target)) ? target : null;
    }
  }
}

/**
 * After a save displaced the file's previous version (kept at `previous`, no longer the live file): keeps
 * it as a dated backup if the newest dated backup (by sequence) is at least `minIntervalMs` old, or dated
 * later than now after a clock change, then prunes. Returns the new backup's path, or null when none was due.
 */
export async function keepDatedBackupIfDue(
  path: string,
  previous: string,
  policy: DatedBackupPolicy,
  now: Date,
): Promise<string | null> {
  const newest = (await findInBackupsDir(path)).find((file) => file.kind === 'dated');
  const age = newest ? now.getTime() - newest.at : Number.POSITIVE_INFINITY;
  if (newest && age >= 0 && age < policy.minIntervalMs) return null;
  const target = await keepInBackups(path, previous, 'backup', now);
  if (target) await pruneDatedBackups(path, policy.keep);
  return target;
}

/**
 * Which dated backups to keep: up to half the places go to the oldest copy of each day (newest days
 * first), so history reaches back over several days, and the rest to the newest copies by sequence. A copy
 * stamped in the future (a wrong clock) takes at most one place and never pushes out the others.
 */
export function chooseDatedToKeep<T extends { day: string; seq: number }>(
  newestFirst: readonly T[],
  keep: number,
): Set<T> {
  const kept = new Set<T>();
  if (keep <= 0) return kept;
  const oldestOfDay = new Map<string, T>();
  for (const file of newestFirst) oldestOfDay.set(file.day, file);
  for (const file of oldestOfDay.values()) {
    if (kept.size >= Math.floor(keep / 2)) break;
    kept.add(file);
  }
  for (const file of newestFirst) {
    if (kept.size >= keep) break;
    kept.add(file);
  }
  return kept;
}

/** Deletes the dated backups chooseDatedToKeep does not keep (copies kept aside before a restore stay). */
export async function pruneDatedBackups(path: string, keep: number): Promise<string[]> {
  const dated = (await findInBackupsDir(path)).filter((file) => file.kind === 'dated');
  const kept = chooseDatedToKeep(dated, keep);
  const removed: string[] = [];
  for (const file of dated) {
    if (kept.has(file)) continue;
    await withRetries(nodeDurableFs, () => rm(file.path, { force: true }));
    removed.push(file.path);
  }
  return removed;
}

/** Keeps a copy of the file as it is now under `backups/<name>.before-restore-<stamp>-s<seq>.json`. */
export async function keepAsideBeforeRestore(path: string, now: Date): Promise<string | null> {
  try {
    await stat(path);
  } catch {
    return null;
  }
  await mkdir(backupsDirFor(path), { recursive: true });
  const newest = (await findInBackupsDir(path))[0];
  const target = backupNameFor(path, 'before-restore', (newest?.seq ?? 0) + 1, now);
  // A copy, not a link: if the restore that follows fails, a link would still be the live file.
  return (await copyDurably(path, target)) ? target : null;
}

/** Conflict copies beside the file: versions another program wrote that a save displaced. */
async function findConflicts(path: string): Promise<BackupFile[]> {
  const dir = nodePath.dirname(path);
  const files: BackupFile[] = [];
  for (const { name, match } of await namesMatching(dir, conflictPattern(path))) {
    try {
      const info = await lstat(nodePath.join(dir, name));
      if (!info.isFile()) continue;
      files.push({
        path: nodePath.join(dir, name),
        kind: 'conflict',
        takenAt: new Date(timeOfStamp(match[1]!, match[2]!)).toISOString(),
        size: info.size,
      });
    } catch {
      // removed meanwhile
    }
  }
  return files;
}

/** Every backup of the file: immediate, dated, kept before a restore, and conflict copies; newest first. */
export async function listBackupFiles(path: string): Promise<BackupFile[]> {
  const files: BackupFile[] = [];
  const latest = backupPathFor(path);
  try {
    const info = await stat(latest);
    if (info.isFile())
      files.push({ path: latest, kind: 'latest', takenAt: new Date(info.mtimeMs).toISOString(), size: info.size });
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
  files.push(...(await findConflicts(path)));
  return files.sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt));
}

/** Removes temp files of killed copies into `backups/` (only the distinctive names the writer makes). */
export async function removeBackupLeftovers(path: string, olderThanMs: number): Promise<string[]> {
  const pattern = new RegExp(
    `^\\.${escapeRegExp(stemOf(path))}\\.(?:backup|before-restore)-\\d{8}-\\d{6}(?:-\\d+)?(?:-s\\d+)?\\.json\\.\\d{1,10}\\.[0-9a-f]{8}\\.tmp$`,
  );
  return removeLeftovers(backupsDirFor(path), pattern, { olderThanMs });
}
