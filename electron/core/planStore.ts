import { copyFile, link, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import type { Adapter } from 'lowdb';
import type { PlanDocument } from '../../shared/model/plan';
import { planDocumentSchema } from '../../shared/model/plan';
import type { StoreStatus } from '../../shared/api/contract';
import { describeProblems, fieldProblems } from '../../shared/model/validationIssues';
import { decodePlanFile, encodePlanFile } from './planFileCodec';
import { writeFileDurably } from './atomicWrite';
import { PlanFileError } from './planFileError';

export function backupPathFor(path: string): string {
  return path.replace(/(\.json)?$/i, '.backup.json');
}

async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    const detail = error instanceof Error ? error.message : String(error);
    throw new PlanFileError(path, 'unreadable', `${path} could not be read (${detail}).`);
  }
}

/**
 * Keeps the file about to be replaced as the backup. A hard link costs no copy: the atomic write renames a
 * new file over the path, and the old one lives on under the backup name. Where links are not possible
 * (some network drives), it is copied instead.
 */
async function keepAsBackup(path: string): Promise<void> {
  const backupPath = backupPathFor(path);
  const linkPath = `${backupPath}.${process.pid}.link`;
  try {
    await rm(linkPath, { force: true });
    await link(path, linkPath);
    await rename(linkPath, backupPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    await rm(linkPath, { force: true });
    await copyFile(path, backupPath);
  }
}

/** lowdb adapter that validates on read and on write, writes durably, and keeps the previous file as a backup. */
class ValidatedPlanFile implements Adapter<PlanDocument> {
  constructor(readonly path: string) {}

  async read(): Promise<PlanDocument | null> {
    const text = await readTextIfExists(this.path);
    return text === null ? null : decodePlanFile(this.path, text);
  }

  async write(doc: PlanDocument): Promise<void> {
    const checked = planDocumentSchema.safeParse(doc);
    if (!checked.success) {
      throw new Error(`Refusing to save an invalid plan: ${describeProblems(fieldProblems(checked.error))}`);
    }
    const text = encodePlanFile(checked.data);
    await mkdir(dirname(this.path), { recursive: true });
    await keepAsBackup(this.path);
    await writeFileDurably(this.path, text);
  }
}

type Opened =
  | { kind: 'ready'; db: Low<PlanDocument>; createdFromDemo: boolean }
  | { kind: 'failed'; error: PlanFileError };

/**
 * The one place the plan is read from and written to. A file that cannot be read, parsed, validated or is
 * from a newer version puts the store in a failed state in which nothing is ever written to that path.
 */
export class PlanStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private opened: Opened,
  ) {}

  static async open(path: string, demoDocument: () => PlanDocument): Promise<PlanStore> {
    return new PlanStore(path, await PlanStore.load(path, demoDocument));
  }

  private static async load(path: string, demoDocument: () => PlanDocument): Promise<Opened> {
    const db = new Low<PlanDocument>(new ValidatedPlanFile(path), null as unknown as PlanDocument);
    try {
      await db.read();
    } catch (error) {
      if (error instanceof PlanFileError) return { kind: 'failed', error };
      throw error;
    }
    if (db.data !== null) return { kind: 'ready', db, createdFromDemo: false };
    db.data = demoDocument();
    await db.write();
    return { kind: 'ready', db, createdFromDemo: true };
  }

  status(): StoreStatus {
    const backupPath = backupPathFor(this.path);
    if (this.opened.kind === 'ready') {
      return { kind: 'ready', path: this.path, backupPath, createdFromDemo: this.opened.createdFromDemo };
    }
    const { error } = this.opened;
    return { kind: 'failed', path: this.path, reason: error.reason, message: error.message, problems: error.problems, backupPath };
  }

  document(): PlanDocument | null {
    return this.opened.kind === 'ready' ? this.opened.db.data : null;
  }

  /**
   * Runs one edit at a time: the change sees the document the previous edit saved, and the document in
   * memory only moves on once the file holds it.
   */
  update(change: (doc: PlanDocument) => PlanDocument): Promise<PlanDocument> {
    return this.serialise(async () => {
      if (this.opened.kind !== 'ready') throw this.opened.error;
      const { db } = this.opened;
      const next = change(db.data);
      if (next === db.data) return next;
      await db.adapter.write(next);
      db.data = next;
      return next;
    });
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Replaces a refused file with its backup. The refused file is first copied aside, never discarded, so a
   * person can still recover anything in it by hand.
   */
  restoreBackup(demoDocument: () => PlanDocument, now: Date): Promise<string | null> {
    return this.serialise(() => this.replaceWithBackup(demoDocument, now));
  }

  private async replaceWithBackup(demoDocument: () => PlanDocument, now: Date): Promise<string | null> {
    const backupPath = backupPathFor(this.path);
    const backupText = await readTextIfExists(backupPath);
    if (backupText === null) throw new PlanFileError(backupPath, 'unreadable', `There is no backup at ${backupPath}.`);
    decodePlanFile(backupPath, backupText);
    let keptAside: string | null = null;
    if ((await readTextIfExists(this.path)) !== null) {
      keptAside = this.path.replace(/(\.json)?$/i, `.refused-${now.toISOString().replace(/[:.]/g, '-')}.json`);
      await copyFile(this.path, keptAside);
    }
    await writeFileDurably(this.path, backupText);
    this.opened = await PlanStore.load(this.path, demoDocument);
    return keptAside;
  }
}
