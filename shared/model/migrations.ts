import { CURRENT_SCHEMA_VERSION } from './plan';

export type MigrationOutcome =
  | { kind: 'current'; data: unknown; fromVersion: number }
  | { kind: 'newer'; version: number }
  | { kind: 'unversioned' };

/**
 * Steps from version N to N+1, applied in order to an older file. Version 1 is the first shape, so the
 * list is empty; the next shape change adds `{ 1: (v1) => v2 }` here and a fixture test for it.
 */
const STEPS: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {};

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
