import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PlanStore, backupPathFor } from '../../../../../electron/core/planStore';
import { decodePlanFile, encodePlanFile } from '../../../../../electron/core/planFileCodec';
import { PlanFileError } from '../../../../../electron/core/planFileError';
import { createAction, updateAction } from '../../../../../shared/domain/operations';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { CURRENT_SCHEMA_VERSION } from '../../../../../shared/model/plan';
import { fixedContext, listDir, makeDocument, makeTempDir, removeDir } from '../../../../support/fixtures';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-store-');
  path = join(dir, 'plan.json');
});

afterEach(async () => {
  await removeDir(dir);
});

async function readDoc(file: string): Promise<PlanDocument> {
  return decodePlanFile(file, await readFile(file, 'utf8'));
}

/** A store whose file holds the fixture document, as if created on a previous run. */
async function writeFixtureFile(doc: PlanDocument = makeDocument()): Promise<Buffer> {
  const bytes = Buffer.from(encodePlanFile(doc), 'utf8');
  await writeFile(path, bytes);
  return bytes;
}

const CORRUPT = '{"schemaVersion": 1, "plan": ';

describe('backupPathFor', () => {
  it('puts .backup before .json, or appends .backup.json', () => {
    expect(backupPathFor('/data/plan.json')).toBe('/data/plan.backup.json');
    expect(backupPathFor('/data/plan.JSON')).toBe('/data/plan.backup.json');
    expect(backupPathFor('/data/plan')).toBe('/data/plan.backup.json');
    expect(backupPathFor('/data/my.plan.json')).toBe('/data/my.plan.backup.json');
  });
});

describe('PlanStore.open', () => {
  it('creates a missing file from the demo document', async () => {
    let calls = 0;
    const store = await PlanStore.open(path, () => {
      calls += 1;
      return makeDocument();
    });
    expect(calls).toBe(1);
    expect(store.status()).toEqual({ kind: 'ready', path, backupPath: backupPathFor(path), createdFromDemo: true });
    expect(store.document()).toEqual(makeDocument());
    expect(await readDoc(path)).toEqual(makeDocument());
    expect(existsSync(backupPathFor(path))).toBe(false);
  });

  it('creates missing folders on the way to the file', async () => {
    const nested = join(dir, 'a', 'b', 'plan.json');
    const store = await PlanStore.open(nested, makeDocument);
    expect(store.status().kind).toBe('ready');
    expect(await readDoc(nested)).toEqual(makeDocument());
  });

  it('reads an existing file without calling the demo or writing', async () => {
    const bytes = await writeFixtureFile();
    const before = await stat(path);
    const store = await PlanStore.open(path, () => {
      throw new Error('demo must not be used');
    });
    expect(store.status()).toEqual({ kind: 'ready', path, backupPath: backupPathFor(path), createdFromDemo: false });
    expect(store.document()).toEqual(makeDocument());
    expect(await readFile(path)).toEqual(bytes);
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
  });

  it('reopens the file it created as an ordinary file', async () => {
    await PlanStore.open(path, makeDocument);
    const again = await PlanStore.open(path, makeDocument);
    expect(again.status()).toMatchObject({ kind: 'ready', createdFromDemo: false });
    expect(again.document()).toEqual(makeDocument());
  });
});

describe('PlanStore.update', () => {
  it('persists each edit and backs up the previous content before writing', async () => {
    const store = await PlanStore.open(path, makeDocument);
    const created = await readFile(path);

    const first = await store.update((doc) => updateAction(doc, 'action-1', { status: 'at_risk' }, fixedContext()).doc);
    expect(first.actions[0]!.status).toBe('at_risk');
    expect(store.document()).toBe(first);
    expect((await readDoc(path)).actions[0]!.status).toBe('at_risk');
    expect(await readFile(backupPathFor(path))).toEqual(created);

    const afterFirst = await readFile(path);
    await store.update(
      (doc) => updateAction(doc, 'action-2', { status: 'complete' }, fixedContext({ idPrefix: 'second' })).doc,
    );
    expect(await readFile(backupPathFor(path))).toEqual(afterFirst);
    const onDisk = await readDoc(path);
    expect(onDisk.actions.map((action) => action.status)).toEqual(['at_risk', 'complete', 'not_started', 'complete']);
    expect(onDisk.updateLog).toHaveLength(2);

    const reopened = await PlanStore.open(path, makeDocument);
    expect(reopened.document()).toEqual(onDisk);
  });

  it('backs up the file as it was read when the first edit of a session is saved', async () => {
    const bytes = await writeFixtureFile();
    const store = await PlanStore.open(path, makeDocument);
    await store.update((doc) => updateAction(doc, 'action-3', { progressLevel: 2 }, fixedContext()).doc);
    expect(await readFile(backupPathFor(path))).toEqual(bytes);
  });

  it('does not write when the change returns the same document', async () => {
    const bytes = await writeFixtureFile();
    const store = await PlanStore.open(path, makeDocument);
    const result = await store.update((doc) => doc);
    expect(result).toBe(store.document());
    expect(await readFile(path)).toEqual(bytes);
    expect(existsSync(backupPathFor(path))).toBe(false);
  });

  it('rejects a change that throws and keeps working afterwards', async () => {
    const store = await PlanStore.open(path, makeDocument);
    await expect(
      store.update(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const next = await store.update((doc) => updateAction(doc, 'action-1', { status: 'complete' }, fixedContext()).doc);
    expect(next.actions[0]!.status).toBe('complete');
  });

  it('refuses to save an invalid document and keeps file and memory as they were', async () => {
    const store = await PlanStore.open(path, makeDocument);
    const bytes = await readFile(path);
    const before = store.document();
    await expect(
      store.update((doc) => ({
        ...doc,
        actions: doc.actions.map((action) => ({ ...action, status: 'done' as never })),
      })),
    ).rejects.toThrow(/Refusing to save an invalid plan: Action 1, Status/);
    expect(store.document()).toBe(before);
    expect(await readFile(path)).toEqual(bytes);
    expect(existsSync(backupPathFor(path))).toBe(false);
  });

  it('serialises concurrent updates: 20 parallel appends all persist', async () => {
    const store = await PlanStore.open(path, makeDocument);
    const updates = Array.from({ length: 20 }, (_, index) =>
      store.update(
        (doc) =>
          createAction(
            doc,
            { number: String(100 + index), areaId: 'quality-assurance', description: `Parallel action ${index}` },
            fixedContext({ idPrefix: `p${index}` }),
          ).doc,
      ),
    );
    const results = await Promise.all(updates);
    expect(results[19]!.actions).toHaveLength(24);
    const numbers = (await readDoc(path)).actions.map((action) => action.number);
    expect(numbers).toHaveLength(24);
    expect(numbers.slice(4)).toEqual(Array.from({ length: 20 }, (_, index) => String(100 + index)));
    expect((await PlanStore.open(path, makeDocument)).document()!.actions).toHaveLength(24);
  });

  it('leaves no temp files behind (atomic writes)', async () => {
    const store = await PlanStore.open(path, makeDocument);
    for (let index = 0; index < 5; index += 1) {
      await store.update(
        (doc) =>
          updateAction(doc, 'action-3', { progressLevel: (index % 4) + 1 }, fixedContext({ idPrefix: `w${index}` }))
            .doc,
      );
    }
    expect(await listDir(dir)).toEqual(['plan.backup.json', 'plan.json']);
  });
});

describe('PlanStore with a file it must refuse', () => {
  async function expectUntouched(bytes: Buffer): Promise<void> {
    expect(await readFile(path)).toEqual(bytes);
    expect(existsSync(backupPathFor(path))).toBe(false);
    expect(await listDir(dir)).toEqual(['plan.json']);
  }

  it('refuses corrupt JSON: failed/invalid_json, updates rejected, file byte-for-byte unchanged, no backup', async () => {
    const bytes = Buffer.from(CORRUPT, 'utf8');
    await writeFile(path, bytes);
    let demoCalls = 0;
    const store = await PlanStore.open(path, () => {
      demoCalls += 1;
      return makeDocument();
    });
    const status = store.status();
    expect(status).toMatchObject({
      kind: 'failed',
      path,
      reason: 'invalid_json',
      problems: [],
      backupPath: backupPathFor(path),
    });
    if (status.kind === 'failed') {
      expect(status.message).toContain(path);
      expect(status.message).toContain('not valid JSON');
    }
    expect(store.document()).toBeNull();
    expect(demoCalls).toBe(0);

    await expect(store.update((doc) => doc)).rejects.toBeInstanceOf(PlanFileError);
    await expect(store.update((doc) => doc)).rejects.toMatchObject({ reason: 'invalid_json' });
    await expectUntouched(bytes);
  });

  it('refuses an empty file as invalid JSON and leaves it alone', async () => {
    await writeFile(path, '');
    const store = await PlanStore.open(path, makeDocument);
    expect(store.status()).toMatchObject({ kind: 'failed', reason: 'invalid_json' });
    await expectUntouched(Buffer.alloc(0));
  });

  it('refuses a file from a newer version and names the version', async () => {
    const doc = { ...makeDocument(), schemaVersion: 99 };
    const bytes = Buffer.from(JSON.stringify(doc), 'utf8');
    await writeFile(path, bytes);
    const store = await PlanStore.open(path, makeDocument);
    const status = store.status();
    expect(status).toMatchObject({ kind: 'failed', reason: 'newer_version' });
    if (status.kind === 'failed') {
      expect(status.message).toContain('data version 99');
      expect(status.problems).toEqual([
        { field: 'schemaVersion', label: 'Data version', reason: `is 99, newer than ${CURRENT_SCHEMA_VERSION}` },
      ]);
    }
    await expect(store.update((d) => d)).rejects.toMatchObject({ reason: 'newer_version' });
    await expectUntouched(bytes);
  });

  it('refuses a file with an invalid field and names the field path', async () => {
    const doc = makeDocument() as any;
    doc.actions[1].status = 'done';
    const bytes = Buffer.from(JSON.stringify(doc, null, 2), 'utf8');
    await writeFile(path, bytes);
    const store = await PlanStore.open(path, makeDocument);
    const status = store.status();
    expect(status).toMatchObject({ kind: 'failed', reason: 'invalid_data' });
    if (status.kind === 'failed') {
      expect(status.problems.map((problem) => problem.field)).toEqual(['actions[1].status']);
      expect(status.message).toContain('Action 2, Status');
    }
    await expect(store.update((d) => d)).rejects.toMatchObject({ reason: 'invalid_data' });
    await expectUntouched(bytes);
  });

  it('refuses JSON without a schemaVersion as not a plan file', async () => {
    await writeFile(path, '{"hello": "world"}');
    const store = await PlanStore.open(path, makeDocument);
    expect(store.status()).toMatchObject({
      kind: 'failed',
      reason: 'invalid_data',
      problems: [{ field: 'schemaVersion', reason: 'is missing or not a whole number' }],
    });
  });

  it('reports a path that cannot be read as unreadable', async () => {
    await mkdir(path);
    const store = await PlanStore.open(path, makeDocument);
    expect(store.status()).toMatchObject({ kind: 'failed', reason: 'unreadable' });
  });
});

describe('PlanStore.restoreBackup', () => {
  const NOW = new Date('2016-06-15T12:34:56.789Z');

  it('replaces a refused file with the backup and keeps the refused bytes aside', async () => {
    const first = await PlanStore.open(path, makeDocument);
    await first.update((doc) => updateAction(doc, 'action-1', { status: 'at_risk' }, fixedContext()).doc);
    const backupBytes = await readFile(backupPathFor(path));
    const refusedBytes = Buffer.from(CORRUPT, 'utf8');
    await writeFile(path, refusedBytes);

    const store = await PlanStore.open(path, makeDocument);
    expect(store.status().kind).toBe('failed');

    const keptAside = await store.restoreBackup(makeDocument, NOW);
    expect(keptAside).toBe(join(dir, 'plan.refused-2016-06-15T12-34-56-789Z.json'));
    expect(await readFile(keptAside!)).toEqual(refusedBytes);
    expect(await readFile(path)).toEqual(backupBytes);
    expect(store.status()).toMatchObject({ kind: 'ready', createdFromDemo: false });
    expect(store.document()).toEqual(makeDocument());
    expect(await listDir(dir)).toEqual(['plan.backup.json', 'plan.json', basename(keptAside!)]);

    // The restored store can be edited again.
    const next = await store.update((doc) => updateAction(doc, 'action-2', { status: 'complete' }, fixedContext()).doc);
    expect((await readDoc(path)).actions[1]!.status).toBe(next.actions[1]!.status);
  });

  it('fails when there is no backup, leaving the file alone', async () => {
    await writeFile(path, CORRUPT);
    const store = await PlanStore.open(path, makeDocument);
    await expect(store.restoreBackup(makeDocument, NOW)).rejects.toMatchObject({ reason: 'unreadable' });
    expect(await readFile(path, 'utf8')).toBe(CORRUPT);
    expect(store.status().kind).toBe('failed');
  });

  it('refuses a backup that is itself invalid, leaving both files alone', async () => {
    await writeFile(path, CORRUPT);
    await writeFile(backupPathFor(path), '{"schemaVersion": 1}');
    const store = await PlanStore.open(path, makeDocument);
    await expect(store.restoreBackup(makeDocument, NOW)).rejects.toMatchObject({ reason: 'invalid_data' });
    expect(await readFile(path, 'utf8')).toBe(CORRUPT);
    expect(await listDir(dir)).toEqual(['plan.backup.json', 'plan.json']);
  });
});
