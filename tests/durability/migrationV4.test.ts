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
import { fixedContext, listDir, makeDocument, makeTempDir, removeDir } from '../support/fixtures';

const here = dirname(fileURLToPath(import.meta.url));
/** A version-3 file with risks and an issued paper, as the previous release wrote it: never regenerate it. */
const V3_FIXTURE = join(here, 'fixtures', 'plan-v3.json');

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-migrate-v4-');
  path = join(dir, 'plan.json');
});

afterEach(async () => {
  await removeDir(dir);
});

type RawPlan = { schemaVersion: number; actions: Record<string, unknown>[] } & Record<string, unknown>;

describe('a version-3 file', () => {
  it('gives every action an empty comment for the board and keeps everything else as it was', async () => {
    const text = await readFile(V3_FIXTURE, 'utf8');
    const raw = JSON.parse(text) as RawPlan;
    expect(raw.schemaVersion).toBe(3);
    expect(raw.actions.some((action) => 'boardComment' in action)).toBe(false);
    expect(migrateToCurrent(raw)).toMatchObject({ kind: 'current', fromVersion: 3 });

    const doc = decodePlanFile(V3_FIXTURE, text);
    expect(CURRENT_SCHEMA_VERSION).toBe(4);
    expect(doc.schemaVersion).toBe(4);
    expect(doc.actions).toHaveLength(raw.actions.length);
    expect(doc.actions.map((action) => action.boardComment)).toEqual(raw.actions.map(() => ''));
    const { schemaVersion: _new, actions, ...rest } = doc;
    const { schemaVersion: _old, actions: oldActions, ...oldRest } = raw;
    expect(actions.map(({ boardComment: _comment, ...action }) => action)).toEqual(oldActions);
    expect(actions[0]!.risks).toBe('Funding for the second year is not yet agreed.');
    expect(rest).toEqual(oldRest);
  });

  it('opens in the store without being rewritten; the first save writes version 4 and keeps the old file as a backup', async () => {
    await copyFile(V3_FIXTURE, path);
    const bytes = await readFile(path);
    const store = await PlanStore.open(path, makeDocument, DESKTOP_STORE_OPTIONS);
    expect(store.status()).toMatchObject({ kind: 'ready', createdFromDemo: false });
    expect(await readFile(path)).toEqual(bytes);
    const actionId = store.document()!.actions[0]!.id;

    await store.update(
      (doc) =>
        updateAction(doc, actionId, { boardComment: 'The board is asked to note the delay.' }, fixedContext()).doc,
    );
    await store.close();
    const saved = JSON.parse(await readFile(path, 'utf8')) as RawPlan;
    expect(saved.schemaVersion).toBe(4);
    expect(saved.actions[0]!.boardComment).toBe('The board is asked to note the delay.');
    expect(saved.actions.slice(1).every((action) => action.boardComment === '')).toBe(true);
    expect(await readFile(path.replace(/\.json$/, '.backup.json'))).toEqual(bytes);
  });
});

describe('a version-5 file', () => {
  async function writeVersion5(): Promise<Buffer> {
    const raw = JSON.parse(await readFile(V3_FIXTURE, 'utf8')) as RawPlan;
    const bytes = Buffer.from(`${JSON.stringify({ ...raw, schemaVersion: 5, somethingNew: { kept: true } })}\n`);
    await writeFile(path, bytes);
    return bytes;
  }

  it('is refused as newer, naming both versions', async () => {
    const bytes = await writeVersion5();
    let error: unknown;
    try {
      decodePlanFile(path, bytes.toString('utf8'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlanFileError);
    expect(error).toMatchObject({ reason: 'newer_version' });
    expect((error as PlanFileError).message).toContain('data version 5');
    expect((error as PlanFileError).message).toContain('reads up to 4');
  });

  it('is not overwritten by the store, nor backed up over', async () => {
    const bytes = await writeVersion5();
    const store = await PlanStore.open(path, makeDocument, DESKTOP_STORE_OPTIONS);
    expect(store.status()).toMatchObject({ kind: 'failed', reason: 'newer_version' });
    await expect(store.update((doc) => doc)).rejects.toMatchObject({ reason: 'newer_version' });
    await store.close();
    expect(await readFile(path)).toEqual(bytes);
    expect(await listDir(dir)).toEqual(['plan.json']);
  });
});
