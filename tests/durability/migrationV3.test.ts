import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePlanFile } from '../../electron/core/planFileCodec';
import { migrateToCurrent } from '../../shared/model/migrations';
import { baselineFor } from '../../shared/domain/papers';

const here = dirname(fileURLToPath(import.meta.url));
/** A version-2 file with a board paper, as the previous release wrote it: never regenerate it. */
const V2_FIXTURE = join(here, 'fixtures', 'plan-v2.json');

describe('a version-2 file', () => {
  it('keeps its papers as issued papers, with their completed actions read from the statuses', async () => {
    const text = await readFile(V2_FIXTURE, 'utf8');
    const raw = JSON.parse(text) as { schemaVersion: number; papers: Record<string, any>[]; [key: string]: unknown };
    expect(raw.schemaVersion).toBe(2);
    raw.papers[0]!.snapshot.statuses['a-1'] = 'complete';
    expect(migrateToCurrent(raw)).toMatchObject({ kind: 'current', fromVersion: 2 });

    const doc = decodePlanFile(V2_FIXTURE, JSON.stringify(raw));
    const [paper] = doc.papers;
    const old = raw.papers[0]!;
    expect(paper).toMatchObject({
      state: 'issued',
      issuedAt: old.producedAt,
      issuedBy: null,
      checksums: [],
      withdrawal: null,
    });
    expect(paper!.snapshot.completed).toEqual(['a-1']);
    const {
      state,
      issuedAt,
      issuedBy,
      checksums,
      withdrawal,
      snapshot,
      subjectLabel,
      narrative,
      extraAppendices,
      ...rest
    } = paper!;
    // A paper written before narrative sections existed has none, and its heading reads "Subject:".
    expect({ subjectLabel, narrative, extraAppendices }).toEqual({
      subjectLabel: 'Subject',
      narrative: [],
      extraAppendices: [],
    });
    const { snapshot: oldSnapshot, ...oldRest } = old;
    expect(rest).toEqual(oldRest);
    expect({ levels: snapshot.levels, statuses: snapshot.statuses }).toEqual(oldSnapshot);
    expect(doc.dataCalls).toEqual([]);
    // Nobody has written a commentary on risks yet: every action gains an empty one.
    expect(doc.actions.length).toBeGreaterThan(0);
    expect(doc.actions.map((action) => action.risks)).toEqual(doc.actions.map(() => ''));
    // Sent to the board, so the next paper to the same board compares with it.
    expect(baselineFor(doc, old.board, '2027-01-21')?.id).toBe(old.id);
    for (const key of Object.keys(raw)) {
      // The plan details gain their financial-year default; nothing else changes.
      if (key !== 'schemaVersion' && key !== 'papers')
        expect((doc as unknown as Record<string, object>)[key], key).toMatchObject(raw[key] as object);
    }
  });
});
