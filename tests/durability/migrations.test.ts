import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESKTOP_STORE_OPTIONS, PlanStore } from '../../electron/core/planStore';
import { decodePlanFile } from '../../electron/core/planFileCodec';
import { PlanFileError } from '../../electron/core/planFileError';
import { migrateToCurrent } from '../../shared/model/migrations';
import { CURRENT_SCHEMA_VERSION } from '../../shared/model/plan';
import { updateAction } from '../../shared/domain/operations';
import { fixedContext, listDir, makeDocument, makeTempDir, removeDir } from '../unit/fixtures';

const here = dirname(fileURLToPath(import.meta.url));
/** A version-1 file as the first release wrote it: never regenerate it, it stands for files already out there. */
const V1_FIXTURE = join(here, 'fixtures', 'plan-v1.json');

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-migrate-');
  path = join(dir, 'plan.json');
});

afterEach(async () => {
  await removeDir(dir);
});

/** Fields of the plan's details added since version 1, with the value an older file is read with. */
const PLAN_DEFAULTS_SINCE_V1 = { yearStartMonth: 4 };

/**
 * Nothing lost: every key the old file had is in the current document with the same value (after the
 * migration steps, which today are none, and the plan details' defaults added since), and a key the old
 * file did not have is a list added since, defaulting to empty.
 */
function expectNothingLost(current: Record<string, unknown>, old: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(old)) {
    if (key === 'schemaVersion') continue;
    const expected = key === 'plan' ? { ...(value as object), ...PLAN_DEFAULTS_SINCE_V1 } : value;
    expect(current[key], `key "${key}"`).toEqual(expected);
  }
  for (const key of Object.keys(current)) {
    if (!(key in old)) expect(current[key], `key "${key}" added since version 1`).toEqual([]);
  }
  expect(current.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
}

describe('a version-1 file', () => {
  it('decodes to the current version with nothing lost', async () => {
    const text = await readFile(V1_FIXTURE, 'utf8');
    const raw = JSON.parse(text) as Record<string, unknown>;
    expect(raw.schemaVersion).toBe(1);
    expect(migrateToCurrent(raw)).toMatchObject({ kind: 'current', fromVersion: 1 });
    const doc = decodePlanFile(V1_FIXTURE, text);
    expectNothingLost(doc as unknown as Record<string, unknown>, raw);
    expect(doc.updateLog).toHaveLength(3);
  });

  it('opens in the store without being rewritten, and the first save writes the current version keeping everything', async () => {
    await copyFile(V1_FIXTURE, path);
    const bytes = await readFile(path);
    const raw = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    const store = await PlanStore.open(path, makeDocument, DESKTOP_STORE_OPTIONS);
    expect(store.status()).toMatchObject({ kind: 'ready', createdFromDemo: false });
    expectNothingLost(store.document() as unknown as Record<string, unknown>, raw);
    expect(await readFile(path)).toEqual(bytes);

    await store.update((doc) => updateAction(doc, 'action-4', { status: 'on_track' }, fixedContext({ idPrefix: 'm' })).doc);
    await store.close();
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(saved.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    const { actions: savedActions, updateLog: savedLog, ...savedRest } = saved;
    const { actions: oldActions, updateLog: oldLog, ...oldRest } = raw;
    expectNothingLost(savedRest, oldRest);
    expect((savedActions as unknown[]).slice(0, 3)).toEqual((oldActions as unknown[]).slice(0, 3));
    expect((savedLog as unknown[]).slice(0, 3)).toEqual(oldLog);
    // The file as version 1 wrote it is kept as the immediate and the first dated backup.
    expect(await readFile(path.replace(/\.json$/, '.backup.json'))).toEqual(bytes);
  });
});

describe('a file from a newer version', () => {
  const NEWER = CURRENT_SCHEMA_VERSION + 1;

  async function writeNewer(): Promise<Buffer> {
    const doc = { ...makeDocument(), schemaVersion: NEWER, somethingNew: { kept: true } };
    const bytes = Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8');
    await writeFile(path, bytes);
    return bytes;
  }

  it('is refused with a message naming both versions', async () => {
    const bytes = await writeNewer();
    let error: unknown;
    try {
      decodePlanFile(path, bytes.toString('utf8'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlanFileError);
    expect(error).toMatchObject({ reason: 'newer_version' });
    const message = (error as PlanFileError).message;
    expect(message).toContain(`data version ${NEWER}`);
    expect(message).toContain(`reads up to ${CURRENT_SCHEMA_VERSION}`);
    expect(message).toContain('has not been changed');
  });

  it('is left byte-for-byte untouched by the store, with or without the lock and dated backups', async () => {
    const bytes = await writeNewer();
    for (const options of [{}, DESKTOP_STORE_OPTIONS]) {
      const store = await PlanStore.open(path, makeDocument, options);
      expect(store.status()).toMatchObject({ kind: 'failed', reason: 'newer_version' });
      await expect(store.update((doc) => doc)).rejects.toMatchObject({ reason: 'newer_version' });
      await store.close();
      expect(await readFile(path)).toEqual(bytes);
      expect(await listDir(dir)).toEqual(['plan.json']);
    }
  });
});
