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
import { MATRIX_PRESETS } from '../../shared/domain/matrixPresets';
import { fixedContext, listDir, makeDocument, makeTempDir, removeDir } from '../support/fixtures';

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

/** What versions 2, 3 and 4 add to a version-1 file, taken off again so the rest can be compared as it was. */
function withoutLaterAdditions(doc: Record<string, unknown>, old: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(doc) as Record<string, any>;
  for (const area of copy.matrix?.areas ?? []) delete area.descriptors;
  for (const action of copy.actions ?? []) {
    delete action.targetLevel;
    // Version 3: nobody had written a commentary on risks, so every action starts with an empty one.
    expect(action.risks).toBe('');
    delete action.risks;
    // Version 4: nor a comment for the board.
    expect(action.boardComment).toBe('');
    delete action.boardComment;
  }
  for (const measure of copy.measures ?? []) for (const value of measure.values ?? []) delete value.id;
  // Filled in by its default when a file had no financial-year setting.
  if (!('yearStartMonth' in (old.plan as object))) delete copy.plan.yearStartMonth;
  return copy;
}

/**
 * Nothing lost: every key the old file had is in the current document with the same value once the
 * fields versions 2, 3 and 4 add are taken off, and a key the old file did not have is a list added since,
 * defaulting to empty.
 */
function expectNothingLost(currentDoc: Record<string, unknown>, old: Record<string, unknown>): void {
  const current = withoutLaterAdditions(currentDoc, old);
  for (const [key, value] of Object.entries(old)) {
    if (key === 'schemaVersion') continue;
    expect(current[key], `key "${key}"`).toEqual(value);
  }
  for (const key of Object.keys(current)) {
    if (!(key in old)) expect(current[key], `key "${key}" added since version 1`).toEqual([]);
  }
  expect(currentDoc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
}

describe('a version-1 file', () => {
  it('decodes to the current version with nothing lost', async () => {
    const text = await readFile(V1_FIXTURE, 'utf8');
    const raw = JSON.parse(text) as Record<string, unknown>;
    expect(raw.schemaVersion).toBe(1);
    expect(migrateToCurrent(raw)).toMatchObject({ kind: 'current', fromVersion: 1 });
    const doc = decodePlanFile(V1_FIXTURE, text);
    expectNothingLost(doc, raw);
    expect(doc.updateLog).toHaveLength(3);
    // The seven areas and four levels are the default matrix by name, so each cell starts with its words.
    const governance = doc.matrix.areas.find((area) => area.name === 'Governance')!;
    expect(governance.descriptors).toEqual(
      MATRIX_PRESETS['early-help-seven-areas'].areas.find((area) => area.id === 'governance')!.descriptors,
    );
    expect(doc.matrix.areas.every((area) => area.descriptors.every((text) => text.length > 0))).toBe(true);
    expect(doc.actions.every((action) => action.targetLevel === null)).toBe(true);
  });

  it('gives an area the default matrix does not have, or a matrix with other level names, empty descriptors', async () => {
    const raw = JSON.parse(await readFile(V1_FIXTURE, 'utf8')) as {
      matrix: { areas: { name: string }[]; levels: { name: string }[] };
    };
    raw.matrix.areas[0]!.name = 'Housing';
    const renamedArea = decodePlanFile(V1_FIXTURE, JSON.stringify(raw));
    expect(renamedArea.matrix.areas[0]!.descriptors).toEqual(['', '', '', '']);
    expect(renamedArea.matrix.areas[1]!.descriptors[0]).not.toBe('');
    raw.matrix.levels[3]!.name = 'Embedded';
    const otherLevels = decodePlanFile(V1_FIXTURE, JSON.stringify(raw));
    expect(otherLevels.matrix.areas.every((area) => area.descriptors.join('') === '')).toBe(true);
  });

  it('gives each measure value an id so it can be corrected, keeping the figures', async () => {
    const raw = JSON.parse(await readFile(V1_FIXTURE, 'utf8')) as Record<string, unknown>;
    const values = [
      { date: '2016-03-31', value: 21, note: '' },
      { date: '2016-06-30', value: 19.5, note: 'Q1' },
    ];
    raw.measures = [
      {
        id: 'contacts',
        name: '% contacts to social care',
        description: '',
        direction: 'minimise',
        unit: 'percent',
        target: 15,
        baseline: null,
        values,
        areaIds: [],
        actionIds: [],
      },
    ];
    const doc = decodePlanFile(V1_FIXTURE, JSON.stringify(raw));
    expect(doc.measures[0]!.values).toEqual(values.map((value, index) => ({ id: `value-${index + 1}`, ...value })));
    expectNothingLost(doc, raw);
  });

  it('opens in the store without being rewritten, and the first save writes the current version keeping everything', async () => {
    await copyFile(V1_FIXTURE, path);
    const bytes = await readFile(path);
    const raw = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    const store = await PlanStore.open(path, makeDocument, DESKTOP_STORE_OPTIONS);
    expect(store.status()).toMatchObject({ kind: 'ready', createdFromDemo: false });
    expectNothingLost(store.document() as unknown as Record<string, unknown>, raw);
    expect(await readFile(path)).toEqual(bytes);

    await store.update(
      (doc) => updateAction(doc, 'action-4', { status: 'on_track' }, fixedContext({ idPrefix: 'm' })).doc,
    );
    await store.close();
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(saved.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    const { actions: savedActions, updateLog: savedLog, ...savedRest } = saved;
    const { actions: oldActions, updateLog: oldLog, ...oldRest } = raw;
    expectNothingLost(savedRest, oldRest);
    expect((savedActions as unknown[]).slice(0, 3)).toEqual(
      (oldActions as object[])
        .slice(0, 3)
        .map((action) => ({ ...action, targetLevel: null, risks: '', boardComment: '' })),
    );
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
