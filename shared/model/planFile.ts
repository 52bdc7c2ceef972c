import { z } from 'zod';

/** Why a data file was refused: the store's error and the status the page shows carry the same words. */
export const planFileProblemSchema = z.enum([
  'unreadable',
  'wrong_encoding',
  'invalid_json',
  'invalid_data',
  'newer_version',
]);
export type PlanFileProblem = z.infer<typeof planFileProblemSchema>;

/** Who holds a plan's lock: shown in the read-only banner, and confirmed back to take the lock over. */
export const lockHolderSchema = z.object({ pid: z.number().int(), hostname: z.string(), startedAt: z.string() });
export type LockHolder = z.infer<typeof lockHolderSchema>;

/** Why this window may not save: another instance holds the file, this one lost its lock, or it was closed. */
export const readOnlyStateSchema = z.object({
  reason: z.enum(['locked_elsewhere', 'lock_lost', 'closed']),
  message: z.string(),
  /** Who holds the lock, when known. */
  holder: lockHolderSchema.nullable(),
});
export type ReadOnlyState = z.infer<typeof readOnlyStateSchema>;

/** A copy of the data file kept by the app: the immediate backup, a dated one, one kept before a restore, or a conflict copy. */
export const backupFileSchema = z.object({
  path: z.string(),
  kind: z.enum(['latest', 'dated', 'before-restore', 'conflict']),
  /** When the copy was taken: from the name for dated copies (UTC), else the file's modification time. */
  takenAt: z.string(),
  size: z.number(),
});
export type BackupFile = z.infer<typeof backupFileSchema>;
export type BackupKind = BackupFile['kind'];

/** A backup as *Backups* lists it: with the reason it would not open, if it would not. */
export const listedBackupSchema = backupFileSchema.extend({ problem: z.string().nullable() });
export type ListedBackup = z.infer<typeof listedBackupSchema>;
