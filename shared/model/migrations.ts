import { CURRENT_SCHEMA_VERSION } from './plan';
import { noDescriptors } from './matrix';
import { presetDescriptorsFor } from '../domain/matrixPresets';

export type MigrationOutcome =
  | { kind: 'current'; data: unknown; fromVersion: number }
  | { kind: 'newer'; version: number }
  | { kind: 'unversioned' };

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): Json[] | null => (Array.isArray(value) && value.every(isRecord) ? value : null);

/**
 * Version 2 gives each matrix cell a descriptor, each measure value an id (so it can be corrected) and
 * each action the level it aims for. A matrix that is the seven-area one by name starts with its
 * descriptors; any other starts empty. Anything not in the expected shape is left for validation to
 * report, never guessed at.
 */
function toVersion2(data: Json): Json {
  const matrix = isRecord(data.matrix) ? data.matrix : null;
  const areas = listOf(matrix?.areas);
  const levels = listOf(matrix?.levels);
  const levelNames = levels?.map((level) => (typeof level.name === 'string' ? level.name : '')) ?? [];
  const migratedMatrix =
    matrix && areas
      ? {
          ...matrix,
          areas: areas.map((area) => ({
            ...area,
            descriptors:
              (typeof area.name === 'string' && presetDescriptorsFor(levelNames, area.name)) || noDescriptors(),
          })),
        }
      : data.matrix;
  const actions = listOf(data.actions);
  const measures = listOf(data.measures);
  return {
    ...data,
    matrix: migratedMatrix,
    ...(actions && { actions: actions.map((action) => ({ ...action, targetLevel: null })) }),
    ...(measures && {
      measures: measures.map((measure) => {
        const values = listOf(measure.values);
        return values
          ? { ...measure, values: values.map((value, index) => ({ id: `value-${index + 1}`, ...value })) }
          : measure;
      }),
    }),
  };
}

/**
 * Version 3 makes papers drafts until issued. Every paper recorded before was exported for the board, so
 * it becomes an issued paper, issued when it was produced; who issued it and the files' checksums were
 * never recorded and are left unknown rather than made up. Its snapshot gains the completed actions,
 * read from the statuses it kept. Data calls start as an empty list (by the schema's default). Actions gain
 * their commentary on risks and issues, empty: nobody has written one yet.
 */
function toVersion3(data: Json): Json {
  const papers = listOf(data.papers);
  const actions = listOf(data.actions);
  return {
    ...data,
    ...(actions && { actions: actions.map((action) => ({ risks: '', ...action })) }),
    ...(papers && {
      papers: papers.map((paper) => {
        const snapshot = isRecord(paper.snapshot) ? paper.snapshot : null;
        const statuses = isRecord(snapshot?.statuses) ? snapshot.statuses : null;
        return {
          ...paper,
          ...(snapshot &&
            statuses && {
              snapshot: { ...snapshot, completed: Object.keys(statuses).filter((id) => statuses[id] === 'complete') },
            }),
          state: 'issued',
          checksums: [],
          issuedAt: paper.producedAt,
          issuedBy: null,
          withdrawal: null,
        };
      }),
    }),
  };
}

/**
 * Version 4 gives each action the lead's comment for the board, asked for in every data call. It starts
 * empty: nobody has written one yet.
 */
function toVersion4(data: Json): Json {
  const actions = listOf(data.actions);
  return actions ? { ...data, actions: actions.map((action) => ({ boardComment: '', ...action })) } : data;
}

/** Steps from version N to N+1, applied in order to an older file; each has a fixture test. */
const STEPS: Record<number, (data: Json) => Json> = { 1: toVersion2, 2: toVersion3, 3: toVersion4 };

export function migrateToCurrent(raw: unknown): MigrationOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'unversioned' };
  const version = (raw as Record<string, unknown>).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { kind: 'unversioned' };
  if (version > CURRENT_SCHEMA_VERSION) return { kind: 'newer', version };
  let data = raw as Record<string, unknown>;
  for (let step = version; step < CURRENT_SCHEMA_VERSION; step += 1) {
    const migrate = STEPS[step];
    if (!migrate) throw new Error(`No migration from schema version ${step}`);
    data = { ...migrate(data), schemaVersion: step + 1 };
  }
  return { kind: 'current', data, fromVersion: version };
}
