import { describe, expect, it } from 'vitest';
import {
  formatMeasureValue,
  latestValue,
  meetsTarget,
  trendOf,
  valuesInForce,
} from '../../../../../shared/domain/measures';
import { measureTrend } from '../../../../../shared/domain/measureTrend';
import type { Measure, MeasurePoint } from '../../../../../shared/model/measure';
import { measureSchema } from '../../../../../shared/model/measure';

function point(date: string, value: number, note = ''): MeasurePoint {
  return { id: `value-${date}`, date, value, note };
}

/** "% of CAFs closed with outcomes met": a percentage the board wants to rise, target 70. */
function makeMeasure(overrides: Partial<Measure> = {}): Measure {
  return measureSchema.parse({
    id: 'm-caf-outcomes',
    name: '% of CAFs closed with outcomes met',
    description: '',
    direction: 'maximise',
    unit: 'percent',
    target: 70,
    baseline: { date: '2025-03-31', value: 58 },
    values: [],
    areaIds: ['quality-assurance'],
    actionIds: [],
    ...overrides,
  });
}

const maximise = (...values: MeasurePoint[]) => makeMeasure({ values });
const minimise = (...values: MeasurePoint[]) =>
  makeMeasure({ id: 'm-contacts', name: '% contacts to social care', direction: 'minimise', target: 15, values });

describe('latestValue', () => {
  it('is the value with the latest date, whatever order the values were stored in', () => {
    const measure = maximise(point('2026-03-31', 66), point('2026-09-30', 71, 'Q2'), point('2025-09-30', 61));
    expect(latestValue(measure)).toEqual(point('2026-09-30', 71, 'Q2'));
  });

  it('is null when no value has been recorded', () => {
    expect(latestValue(maximise())).toBeNull();
  });

  it('does not reorder the measure it reads', () => {
    const measure = maximise(point('2026-03-31', 66), point('2025-09-30', 61));
    latestValue(measure);
    expect(measure.values.map((value) => value.date)).toEqual(['2026-03-31', '2025-09-30']);
  });
});

describe('trendOf', () => {
  it('is improving when a measure to maximise rises', () => {
    expect(trendOf(maximise(point('2026-03-31', 64), point('2026-06-30', 68)))).toBe('improving');
  });

  it('is worsening when a measure to maximise falls', () => {
    expect(trendOf(maximise(point('2026-03-31', 68), point('2026-06-30', 64)))).toBe('worsening');
  });

  it('is improving when a measure to minimise falls', () => {
    expect(trendOf(minimise(point('2026-03-31', 22), point('2026-06-30', 19)))).toBe('improving');
  });

  it('is worsening when a measure to minimise rises', () => {
    expect(trendOf(minimise(point('2026-03-31', 19), point('2026-06-30', 22)))).toBe('worsening');
  });

  it('is unchanged when the last two figures are equal', () => {
    expect(trendOf(minimise(point('2026-03-31', 25), point('2026-06-30', 19), point('2026-09-30', 19)))).toBe(
      'unchanged',
    );
  });

  it('compares only the two latest dates, not the last two stored', () => {
    // Stored out of order: by date the figures go 60 → 70 → 65, so the latest move is down.
    const measure = maximise(point('2026-09-30', 65), point('2026-03-31', 60), point('2026-06-30', 70));
    expect(trendOf(measure)).toBe('worsening');
  });

  it('has no trend with fewer than two values, even with a baseline', () => {
    expect(trendOf(maximise(point('2026-03-31', 64)))).toBe('no_data');
    expect(trendOf(maximise())).toBe('no_data');
  });
});

describe('meetsTarget', () => {
  it('is met when a measure to maximise reaches its target exactly', () => {
    expect(meetsTarget(maximise(point('2026-06-30', 70)))).toBe(true);
  });

  it('is not met when a measure to maximise is below target', () => {
    expect(meetsTarget(maximise(point('2026-06-30', 69.9)))).toBe(false);
  });

  it('reads the latest value, not the best one', () => {
    expect(meetsTarget(maximise(point('2026-03-31', 75), point('2026-06-30', 62)))).toBe(false);
  });

  it('is met when a measure to minimise is at or below target', () => {
    expect(meetsTarget(minimise(point('2026-06-30', 15)))).toBe(true);
    expect(meetsTarget(minimise(point('2026-06-30', 12.5)))).toBe(true);
  });

  it('is not met when a measure to minimise is above target', () => {
    expect(meetsTarget(minimise(point('2026-06-30', 15.1)))).toBe(false);
  });

  it('is unknown without a target or without a value', () => {
    expect(meetsTarget(makeMeasure({ target: null, values: [point('2026-06-30', 80)] }))).toBeNull();
    expect(meetsTarget(maximise())).toBeNull();
  });
});

describe('formatMeasureValue', () => {
  it('adds a percent sign to percentages', () => {
    expect(formatMeasureValue(maximise(), 68)).toBe('68%');
  });

  it('shows whole numbers without decimals and others to one decimal place', () => {
    const count = makeMeasure({ unit: 'count' });
    expect(formatMeasureValue(count, 1998)).toBe('1998');
    expect(formatMeasureValue(maximise(), 71.43)).toBe('71.4%');
    expect(formatMeasureValue(makeMeasure({ unit: 'number' }), 2.25)).toBe('2.3');
  });

  it('keeps negative and zero values readable', () => {
    expect(formatMeasureValue(makeMeasure({ unit: 'number' }), -3.04)).toBe('-3.0');
    expect(formatMeasureValue(maximise(), 0)).toBe('0%');
  });
});

/**
 * Ten years of monthly figures whose reads are counted: `supersededBy` is a getter, so a test sees how many
 * times the figures were looked at, not how long it took.
 */
function countedMeasure(count: number, order: 'dated' | 'shuffled' = 'dated') {
  const reads = { supersededBy: 0 };
  const values = Array.from({ length: count }, (_, index) => {
    const month = order === 'dated' ? index : (index * 37) % count;
    const date = `${2016 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-28`;
    const recorded = point(date, 50 + (index % 7));
    return Object.defineProperties(
      { id: recorded.id, value: recorded.value, note: '' },
      {
        date: { enumerable: true, value: date },
        supersededBy: { enumerable: false, get: () => ((reads.supersededBy += 1), undefined) },
      },
    ) as MeasurePoint;
  });
  return { measure: { ...maximise(), values }, reads };
}

describe('reading a measure with years of figures', () => {
  it('still puts figures recorded out of order in date order', () => {
    const { measure } = countedMeasure(120, 'shuffled');
    const dates = valuesInForce(measure).map((value) => value.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('looks at each figure once for the trend and the figure it is measured from', () => {
    const { measure, reads } = countedMeasure(120);
    const trend = measureTrend(measure);
    expect(trend.previous?.id).toBe(measure.values[118]!.id);
    expect(reads.supersededBy).toBe(120);
  });
});
