import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { preferencesSchema } from '../../shared/model/preferences';
import type { Preferences } from '../../shared/model/preferences';
import { writeFileDurably } from './atomicWrite';

/**
 * Preferences are a convenience: a missing or damaged file means defaults, never a refusal to start.
 * Writes go through the same durable write as the plan.
 */
export class PreferencesStore {
  private current: Preferences | null = null;
  /**
   * The update being written, if any. A read waits for it: a change made just after choosing who you are
   * must record the person just chosen, not the one before.
   */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  async get(): Promise<Preferences> {
    await this.writing;
    return this.read();
  }

  private async read(): Promise<Preferences> {
    if (this.current) return this.current;
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.path, 'utf8'));
    } catch {
      raw = {};
    }
    const parsed = preferencesSchema.safeParse(raw);
    this.current = parsed.success ? parsed.data : preferencesSchema.parse({});
    return this.current;
  }

  update(change: (current: Preferences) => Preferences): Promise<Preferences> {
    // Updates run one after another, each from the one before, so two quick choices cannot lose either.
    const run = this.writing.then(() => this.write(change));
    this.writing = run.catch(() => undefined);
    return run;
  }

  private async write(change: (current: Preferences) => Preferences): Promise<Preferences> {
    const next = preferencesSchema.parse(change(await this.read()));
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileDurably(this.path, `${JSON.stringify(next, null, 1)}\n`, {
      wording: { notSaved: 'Your settings were not saved', unchanged: 'The settings file is unchanged.' },
    });
    this.current = next;
    return next;
  }
}
