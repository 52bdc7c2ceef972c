import { describe, expect, it } from 'vitest';
import { blankPlan } from '../../../../../shared/domain/blankPlan';
import { DomainError } from '../../../../../shared/domain/errors';
import { MATRIX_PRESET_IDS, MATRIX_PRESETS } from '../../../../../shared/domain/matrixPresets';
import { setDescriptor } from '../../../../../shared/domain/planRecords';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import { makeDocument } from '../../../../support/fixtures';

describe('matrix presets', () => {
  it.each(MATRIX_PRESET_IDS)('%s makes a valid new plan with every cell described', (preset) => {
    const doc = blankPlan({ id: 'plan-new', title: 'New plan', today: '2026-11-30', preset });
    const parsed = planDocumentSchema.safeParse(doc);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    expect(doc.matrix.areas.map((area) => area.name)).toEqual(MATRIX_PRESETS[preset].areas.map((area) => area.name));
    expect(doc.matrix.levels.map((level) => level.name)).toEqual(MATRIX_PRESETS[preset].levels);
    for (const area of doc.matrix.areas) {
      expect(area.descriptors).toHaveLength(4);
      expect(new Set(area.descriptors).size, area.name).toBe(4);
      for (const text of area.descriptors) expect(text.trim().length, area.name).toBeGreaterThan(20);
    }
  });

  it('starts a plan with the seven areas of the Early Help and Prevention matrix by default', () => {
    const doc = blankPlan({ id: 'plan-new', title: 'New plan', today: '2026-11-30' });
    expect(doc.matrix.areas.map((area) => area.name)).toEqual([
      'Service delivery',
      'Integrated service delivery',
      'Workforce development',
      'Integrated performance management',
      'Quality assurance',
      'Communication and engagement',
      'Governance',
    ]);
    expect(doc.matrix.levels.map((level) => level.name)).toEqual([
      'Basic level',
      'Early progress',
      'Substantial progress',
      'Maturity',
    ]);
  });

  it('offers a second, published model with its own areas and levels', () => {
    const other = MATRIX_PRESETS['service-transformation'];
    expect(other.areas.map((area) => area.name)).toContain('Family experience of transformed services');
    expect(other.levels).toEqual(['Early', 'Developing', 'Maturing', 'Mature']);
    expect(other.source).toMatch(/Troubled Families/);
  });
});

describe('setDescriptor', () => {
  it('changes one cell and keeps the others', () => {
    const doc = setDescriptor(makeDocument(), { areaId: 'governance', level: 2, text: 'A board is set up' });
    const governance = doc.matrix.areas.find((area) => area.id === 'governance')!;
    expect(governance.descriptors).toEqual(['', 'A board is set up', '', '']);
    expect(doc.matrix.areas.filter((area) => area.id !== 'governance')).toEqual(
      makeDocument().matrix.areas.filter((area) => area.id !== 'governance'),
    );
    expect(planDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it('returns the same plan when nothing changes, and refuses an unknown area or level', () => {
    const doc = makeDocument();
    expect(setDescriptor(doc, { areaId: 'governance', level: 1, text: '' })).toBe(doc);
    expect(() => setDescriptor(doc, { areaId: 'finance', level: 1, text: 'x' })).toThrow(DomainError);
    expect(() => setDescriptor(doc, { areaId: 'governance', level: 5, text: 'x' })).toThrow(/level from 1 to 4/);
  });
});
