import { describe, expect, it } from 'vitest';
import { measureRow } from '../../../../../shared/domain/boardPaperContent';
import { measureTrend } from '../../../../../shared/domain/measureTrend';
import type { Measure, MeasurePoint } from '../../../../../shared/model/measure';
import { measureSchema } from '../../../../../shared/model/measure';

function point(date: string, value: number, extra: Partial<MeasurePoint> = {}): MeasurePoint {
  return { id: `value-${date}`, date, value, note: '', ...extra };
}

function measure(direction: Measure['direction'], ...values: MeasurePoint[]): Measure {
  return measureSchema.parse({
    id: 'm-contacts',
    name: '% contacts to social care',
    description: '',
    direction,
    unit: 'percent',
    target: 15,
    baseline: null,
    values,
    areaIds: [],
    actionIds: [],
  });
}

describe('measureTrend', () => {
  it("says the trend in the board paper's words, for every trend", () => {
    const cases = [
      measure('minimise', point('2026-08-31', 20), point('2026-09-30', 18)),
      measure('maximise', point('2026-08-31', 20), point('2026-09-30', 18)),
      measure('maximise', point('2026-08-31', 20), point('2026-09-30', 20)),
      measure('maximise', point('2026-09-30', 20)),
    ];
    expect(cases.map((each) => measureTrend(each).text)).toEqual([
      'Improving',
      'Worsening',
      'No change',
      'Not enough data',
    ]);
    for (const each of cases) expect(measureTrend(each).text).toBe(measureRow(each).trendText);
  });

  it('measures from the figure before the latest one in force, by date, skipping withdrawn ones', () => {
    const withdrawn = point('2026-08-31', 30, {
      withdrawn: { at: '2026-09-01T10:00:00.000Z', by: 'Ann', reason: 'Typed twice' },
    });
    const trend = measureTrend(measure('minimise', point('2026-09-30', 18), withdrawn, point('2026-07-31', 21)));
    expect(trend).toMatchObject({ trend: 'improving', previous: { date: '2026-07-31', value: 21 } });
  });

  it('has no previous figure while there is only one', () => {
    expect(measureTrend(measure('maximise', point('2026-09-30', 18)))).toEqual({
      trend: 'no_data',
      text: 'Not enough data',
      previous: null,
    });
  });
});
