import { describe, expect, it, vi } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../../../shared/model/plan';

// The demo as an older version wrote it: a new field only needs its migration, not an edit to the demo.
vi.mock('../../../../templates/demo-plan.json', async (importOriginal) => {
  const demo = (await importOriginal<{ default: Record<string, unknown> }>()).default;
  const actions = (demo.actions as Record<string, unknown>[]).map(({ targetLevel: _dropped, ...action }) => action);
  return { default: { ...demo, schemaVersion: 1, actions } };
});

describe('demoDocument', () => {
  it('brings a demo plan written by an older version up to date, like any saved plan', async () => {
    const { demoDocument } = await import('../../../../electron/core/demoPlan');
    const doc = demoDocument();
    expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(doc.actions.length).toBeGreaterThan(0);
    expect(doc.actions.every((action) => action.targetLevel === null)).toBe(true);
  });
});
