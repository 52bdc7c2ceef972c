import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DESKTOP_STORE_OPTIONS, PlanStore } from '../../../../../electron/core/planStore';
import type { PlanStoreOptions } from '../../../../../electron/core/planStore';
import { decodePlanFile, encodePlanFile } from '../../../../../electron/core/planFileCodec';
import { PlanFileError } from '../../../../../electron/core/planFileError';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { updateAction } from '../../../../../shared/domain/operations';
import { generatePlan } from '../../../../support/generatePlan';
import { fixedContext, makeDocument, makeTempDir, removeDir } from '../../../../support/fixtures';

/** Runs per property: enough to reach every kind of mutation many times, and still a few seconds in all. */
const RUNS = 300;
const FAKE_PATH = '/fuzz/plan.json';

let casesRun = 0;
let accepted = 0;
let refused = 0;
const reasons = new Map<string, number>();

/**
 * The loader's whole promise: for any text, a valid current document or a PlanFileError that says why,
 * never any other exception.
 */
function decodeHoldsUp(text: string): void {
  casesRun += 1;
  let doc: PlanDocument;
  try {
    doc = decodePlanFile(FAKE_PATH, text);
  } catch (error) {
    if (!(error instanceof PlanFileError)) {
      throw new Error(
        `decodePlanFile threw ${(error as Error)?.name ?? typeof error}: ${(error as Error)?.message ?? String(error)}`,
        {
          cause: error,
        },
      );
    }
    if (error.message.trim().length === 0) throw new Error('PlanFileError with an empty message', { cause: error });
    if (error.path !== FAKE_PATH) throw new Error(`PlanFileError names ${error.path}`, { cause: error });
    refused += 1;
    reasons.set(error.reason, (reasons.get(error.reason) ?? 0) + 1);
    return;
  }
  if (!planDocumentSchema.safeParse(doc).success)
    throw new Error('decodePlanFile returned a document that is not valid');
  accepted += 1;
}

// ---------------------------------------------------------------------------------------------------------
// Valid documents to mutate, and the mutations.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

function richDocument(): PlanDocument {
  let doc = makeDocument();
  doc = updateAction(
    doc,
    'action-1',
    { status: 'at_risk', achievement: 'Second claim in' },
    fixedContext({ idPrefix: 'a' }),
  ).doc;
  doc = updateAction(doc, 'action-3', { progressLevel: 2 }, fixedContext({ idPrefix: 'b' })).doc;
  return doc;
}

const BASES: Json[] = [richDocument(), generatePlan(6, 7)].map((doc) => JSON.parse(encodePlanFile(doc)) as Json);

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Every node below the root, as a path of keys and indexes. */
function pathsOf(value: Json, prefix: Path = [], into: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      into.push([...prefix, index]);
      pathsOf(item, [...prefix, index], into);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.push([...prefix, key]);
      pathsOf(item, [...prefix, key], into);
    }
  }
  return into;
}

function parentAndKey(root: Json, path: Path): { parent: Json[] | Record<string, Json>; key: string | number } {
  let node = root;
  for (const segment of path.slice(0, -1)) node = (node as Record<string | number, Json>)[segment]!;
  return { parent: node as Json[] | Record<string, Json>, key: path.at(-1)! };
}

function getAt(root: Json, path: Path): Json {
  const { parent, key } = parentAndKey(root, path);
  return (parent as Record<string | number, Json>)[key]!;
}

function setAt(root: Json, path: Path, value: Json): void {
  const { parent, key } = parentAndKey(root, path);
  (parent as Record<string | number, Json>)[key] = value;
}

function typeOf(value: Json): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

const SAMPLES: Json[] = [null, true, false, 0, -1, 1.5, 1e308, -0, '', 'x', '2016-02-30', [], [null], {}, { id: 'x' }];

/** A base document and one node in it, picked by index (wrapping), filtered by `want`. */
function withNode(want: (value: Json, path: Path) => boolean) {
  return fc.tuple(fc.constantFrom(...BASES), fc.nat()).map(([base, pick]) => {
    const doc = clone(base);
    const candidates = pathsOf(doc).filter((path) => want(getAt(doc, path), path));
    return { doc, path: candidates.length > 0 ? candidates[pick % candidates.length]! : null };
  });
}

const mutations: Record<string, fc.Arbitrary<string>> = {
  'drop a key': withNode((_value, path) => typeof path.at(-1) === 'string').map(({ doc, path }) => {
    if (path) {
      const { parent, key } = parentAndKey(doc, path);
      delete (parent as Record<string, Json>)[key as string];
    }
    return JSON.stringify(doc);
  }),
  'change a type': fc
    .tuple(
      withNode(() => true),
      fc.oneof(fc.constantFrom(...SAMPLES), fc.jsonValue() as fc.Arbitrary<Json>),
    )
    .map(([{ doc, path }, replacement]) => {
      if (path) {
        const original = getAt(doc, path);
        setAt(
          doc,
          path,
          typeOf(replacement) === typeOf(original) ? (typeOf(original) === 'string' ? 42 : 'changed') : replacement,
        );
      }
      return JSON.stringify(doc);
    }),
  'insert a huge string': fc
    .tuple(
      withNode((value) => typeof value === 'string' || Array.isArray(value)),
      fc.integer({ min: 5_000, max: 400_000 }),
      fc.constantFrom('A', 'é', '😀', '"', '\\', '\u0000'),
    )
    .map(([{ doc, path }, length, unit]) => {
      const huge = unit.repeat(Math.ceil(length / unit.length));
      if (path) {
        const value = getAt(doc, path);
        if (Array.isArray(value)) value.push(huge);
        else setAt(doc, path, huge);
      }
      return JSON.stringify(doc);
    }),
  'duplicate an action': fc
    .tuple(fc.constantFrom(...BASES), fc.nat(), fc.nat(), fc.boolean())
    .map(([base, from, to, renumber]) => {
      const doc = clone(base) as { actions: Json[] };
      const action = clone(doc.actions[from % doc.actions.length]!) as Record<string, Json>;
      if (renumber) action.number = String(900 + (from % 50));
      doc.actions.splice(to % (doc.actions.length + 1), 0, action);
      return JSON.stringify(doc);
    }),
  'swap types in arrays': fc
    .tuple(
      withNode((value) => Array.isArray(value) && value.length > 0),
      fc.nat(),
      fc.nat(),
    )
    .map(([{ doc, path }, element, donor]) => {
      if (path) {
        const list = getAt(doc, path) as Json[];
        // Put a node from elsewhere in the document (another type or shape) in place of an element.
        const others = pathsOf(doc).filter((other) => typeOf(getAt(doc, other)) !== typeOf(list[0]!));
        const replacement = others.length > 0 ? clone(getAt(doc, others[donor % others.length]!)) : 'swapped';
        list[element % list.length] = replacement;
      }
      return JSON.stringify(doc);
    }),
  'truncate the text': fc.tuple(fc.constantFrom(...BASES), fc.boolean(), fc.nat()).map(([base, pretty, cut]) => {
    const text = pretty ? encodePlanFile(base as PlanDocument) : JSON.stringify(base);
    return text.slice(0, cut % text.length);
  }),
  'odd schema versions': fc
    .tuple(
      fc.constantFrom(...BASES),
      fc.constantFrom<Json>(0, -1, 1.5, '1', 2, 1e9, null, [], true, 2 ** 53, Number.MAX_VALUE),
    )
    .map(([base, version]) => JSON.stringify({ ...(base as object), schemaVersion: version })),
};

/** Flips 1–12 random bytes of a valid file (so also broken UTF-8). */
const byteFlips = fc
  .tuple(
    fc.constantFrom(...BASES),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 12 }),
  )
  .map(([base, flips]) => {
    const bytes = Buffer.from(encodePlanFile(base as PlanDocument), 'utf8');
    for (const [at, mask] of flips) {
      const index = at % bytes.length;
      bytes[index] = bytes[index]! ^ mask;
    }
    return bytes;
  });

const anyMutation = fc.oneof(
  ...Object.values(mutations).map((arbitrary) => arbitrary.map((text) => Buffer.from(text, 'utf8'))),
  byteFlips,
);

// ---------------------------------------------------------------------------------------------------------

describe('decodePlanFile never throws anything but a PlanFileError', () => {
  it('for random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), decodeHoldsUp), { numRuns: RUNS });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), decodeHoldsUp), { numRuns: RUNS });
  });

  it('for random JSON values, and objects that look a little like a plan', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => decodeHoldsUp(JSON.stringify(value))),
      { numRuns: RUNS },
    );
    const planLike = fc.record(
      {
        schemaVersion: fc.oneof(fc.constant(1), fc.integer(), fc.jsonValue()),
        plan: fc.oneof(fc.constant((BASES[0] as Record<string, Json>).plan!), fc.jsonValue()),
        matrix: fc.oneof(fc.constant((BASES[0] as Record<string, Json>).matrix!), fc.jsonValue()),
        assessments: fc.oneof(fc.constant([]), fc.array(fc.jsonValue(), { maxLength: 3 })),
        people: fc.oneof(fc.constant([]), fc.array(fc.jsonValue(), { maxLength: 3 })),
        actions: fc.oneof(fc.constant([]), fc.array(fc.jsonValue(), { maxLength: 3 })),
        updateLog: fc.oneof(fc.constant([]), fc.array(fc.jsonValue(), { maxLength: 3 })),
        papers: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(planLike, (value) => decodeHoldsUp(JSON.stringify(value))),
      { numRuns: RUNS },
    );
  });

  for (const [name, arbitrary] of Object.entries(mutations)) {
    it(`for a valid document after: ${name}`, () => {
      fc.assert(fc.property(arbitrary, decodeHoldsUp), { numRuns: RUNS });
    });
  }

  it('for a valid document with a field this version does not know added to any record: opened, and kept on save', () => {
    const objects = withNode((value) => value !== null && typeof value === 'object' && !Array.isArray(value));
    fc.assert(
      fc.property(objects, fc.jsonValue() as fc.Arbitrary<Json>, ({ doc, path }, value) => {
        const holder = (path ? getAt(doc, path) : doc) as Record<string, Json>;
        // A record keyed by action or area id (a paper's snapshot) takes any key, but only as a level or status.
        if (path && ['levels', 'statuses'].includes(String(path.at(-1))) && !Array.isArray(holder)) return;
        holder.addedElsewhere = value;
        const text = JSON.stringify(doc);
        decodeHoldsUp(text);
        const reopened = JSON.parse(encodePlanFile(decodePlanFile(FAKE_PATH, text))) as Json;
        expect(path ? getAt(reopened, path) : reopened).toHaveProperty(
          'addedElsewhere',
          JSON.parse(JSON.stringify(value)),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('for a valid file with random byte flips', () => {
    fc.assert(
      fc.property(byteFlips, (bytes) => decodeHoldsUp(bytes.toString('utf8'))),
      { numRuns: RUNS },
    );
  });
});

describe('PlanStore.open on a fuzzed file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('apt-fuzz-');
  });
  afterAll(async () => {
    await removeDir(dir);
    console.log(
      `fuzz: ${casesRun} cases run (${accepted} accepted as valid, ${refused} refused: ` +
        `${[...reasons].map(([reason, count]) => `${reason} ${count}`).join(', ')})`,
    );
  });

  async function openHoldsUp(bytes: Buffer, options: PlanStoreOptions): Promise<void> {
    casesRun += 1;
    const path = join(dir, 'plan.json');
    for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
    await writeFile(path, bytes);
    let store: PlanStore;
    try {
      store = await PlanStore.open(
        path,
        () => {
          throw new Error('the demo must not be used for an existing file');
        },
        options,
      );
    } catch (error) {
      throw new Error(`PlanStore.open threw ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
    }
    const status = store.status();
    if (status.kind === 'failed') {
      refused += 1;
      reasons.set(status.reason, (reasons.get(status.reason) ?? 0) + 1);
      expect(status.message.trim().length).toBeGreaterThan(0);
      expect(store.document()).toBeNull();
      await expect(store.update((doc) => doc)).rejects.toBeInstanceOf(PlanFileError);
    } else {
      accepted += 1;
      expect(planDocumentSchema.safeParse(store.document()).success).toBe(true);
    }
    await store.close();
    // Opening never writes an existing file, valid or not, and a refused one gets no company either.
    expect((await readFile(path)).equals(bytes)).toBe(true);
    if (status.kind === 'failed') expect(await readdir(dir)).toEqual(['plan.json']);
  }

  it('answers failed with a message (or opens a valid plan), never throws, and leaves the bytes as they were', async () => {
    await fc.assert(
      fc.asyncProperty(anyMutation, (bytes) => openHoldsUp(bytes, {})),
      { numRuns: RUNS },
    );
  });

  it('the same with the lock and dated backups on', async () => {
    await fc.assert(
      fc.asyncProperty(anyMutation, (bytes) => openHoldsUp(bytes, DESKTOP_STORE_OPTIONS)),
      { numRuns: RUNS },
    );
  });

  it('and for random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), (array) => openHoldsUp(Buffer.from(array), {})),
      { numRuns: RUNS },
    );
  });
});
