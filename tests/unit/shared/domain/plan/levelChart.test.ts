import { describe, expect, it } from 'vitest';
import { assessmentHistory } from '../../../../../shared/domain/derived';
import { areaHistories, assessmentPointText, levelChart, nearestPoint } from '../../../../../shared/domain/levelChart';
import { generateHistoryPlan, HISTORY_END, TEN_YEARS_AT_150 } from '../../../../support/generatePlan';
import { FIXED_TODAY, makeAssessment, makeDocument } from '../../../../support/fixtures';

describe("an area's level history", () => {
  it('lists the same assessments as assessmentHistory, in force oldest first and every record newest first', () => {
    const base = makeDocument();
    const doc = {
      ...base,
      assessments: [
        ...base.assessments,
        makeAssessment({ id: 'later', level: 3, date: '2016-05-01', recordedAt: '2016-05-01T09:00:00.000Z' }),
        makeAssessment({
          id: 'withdrawn',
          level: 2,
          date: '2016-03-01',
          withdrawn: { at: '2016-03-02T10:00:00.000Z', by: 'Board', reason: 'Recorded twice' },
        }),
        makeAssessment({ id: 'same-day', level: 2, date: '2016-05-01', recordedAt: '2016-05-01T08:00:00.000Z' }),
      ],
    };
    const histories = areaHistories(doc, FIXED_TODAY);
    expect([...histories.keys()]).toEqual(doc.matrix.areas.map((area) => area.id));
    for (const area of doc.matrix.areas) {
      const { history, records } = histories.get(area.id)!;
      expect(history).toEqual(assessmentHistory(doc, area.id));
      expect(records).toEqual(assessmentHistory(doc, area.id, { withReplaced: true }).reverse());
    }
    const serviceDelivery = histories.get('service-delivery')!;
    expect(serviceDelivery.history.map((assessment) => assessment.id).slice(-2)).toEqual(['same-day', 'later']);
    expect(serviceDelivery.description).toBe(
      `Level history for ${doc.matrix.areas[0]!.name}: ${serviceDelivery.history
        .map((assessment) => `${assessmentPointText(assessment).split(' (')[0]}`)
        .join(', ')}`,
    );
    expect(serviceDelivery.description).toContain('1 May 2016: level 2, 1 May 2016: level 3');
  });

  it('is worked out once per list of assessments and day, and again when either changes', () => {
    const doc = makeDocument();
    const first = areaHistories(doc, FIXED_TODAY);
    expect(areaHistories({ ...doc }, FIXED_TODAY)).toBe(first);
    expect(areaHistories(doc, '2016-06-16')).not.toBe(first);
    const recorded = { ...doc, assessments: [...doc.assessments, makeAssessment({ id: 'new', level: 4 })] };
    expect(
      areaHistories(recorded, FIXED_TODAY)
        .get('service-delivery')!
        .history.map((item) => item.id),
    ).toContain('new');
  });

  it('draws every dot of years of assessments as one path, one arc pair per assessment', () => {
    const doc = generateHistoryPlan(TEN_YEARS_AT_150);
    const today = HISTORY_END.slice(0, 10);
    const area = doc.matrix.areas[0]!;
    const history = assessmentHistory(doc, area.id);
    expect(history.length).toBeGreaterThan(50);
    const chart = levelChart(history, today)!;
    expect(chart.points).toHaveLength(history.length);
    expect(chart.dots.match(/M /g)).toHaveLength(history.length);
    expect(chart.dots.match(/ a /g)).toHaveLength(2 * history.length);
    // The step line: a horizontal and a vertical move per assessment after the first, then on to today.
    expect(chart.line.match(/ H /g)).toHaveLength(history.length);
    expect(chart.line.match(/ V /g)).toHaveLength(history.length - 1);
    const xs = chart.points.map((point) => point.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(Math.min(...xs)).toBe(14);
    expect(Math.max(...xs)).toBeLessThanOrEqual(194);
    expect(chart.levels.map((level) => level.y)).toEqual([58, 40.7, 23.3, 6]);
  });

  it('finds the dot nearest a point along the chart, the earlier one on a tie', () => {
    const points = [10, 20, 20, 40].map((x, index) => ({
      x,
      y: 0,
      assessment: makeAssessment({ id: `a${index}` }),
    }));
    expect(nearestPoint(points, 0)).toBe(0);
    expect(nearestPoint(points, 14)).toBe(0);
    expect(nearestPoint(points, 15)).toBe(0);
    expect(nearestPoint(points, 16)).toBe(1);
    expect(nearestPoint(points, 31)).toBe(3);
    expect(nearestPoint(points, 500)).toBe(3);
    expect(levelChart([], FIXED_TODAY)).toBeNull();
  });

  it("says in a dot's tooltip the date, the level and who assessed", () => {
    expect(assessmentPointText(makeAssessment({ date: '2026-09-17', level: 2, assessedBy: 'Marcus Adeyemi' }))).toBe(
      '17 Sep 2026: level 2 (Marcus Adeyemi)',
    );
  });
});
