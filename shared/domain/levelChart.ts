import { isInForce } from '../model/correction';
import type { Area, Assessment } from '../model/matrix';
import type { PlanDocument } from '../model/plan';
import type { IsoDate } from '../model/primitives';
import { formatIsoDate } from './dates';
import { whoAssessed } from './recordedBy';

/** The level chart's box, in the units of its viewBox (drawn at this size in pixels). */
export const LEVEL_CHART = { width: 200, height: 66, left: 14, right: 6, top: 6, bottom: 8, dot: 3 } as const;

export interface LevelChartPoint {
  x: number;
  y: number;
  assessment: Assessment;
}

/** An area's assessed level over time, ready to draw: a step line, every dot as one path, and where each dot is. */
export interface LevelChart {
  /** Each assessment holds until the next, the last one until today. */
  line: string;
  /**
   * Every assessment's dot in one path: years of assessments are hundreds of dots per area, and an element
   * (with its own tooltip) for each made the matrix slow to open.
   */
  dots: string;
  /** Oldest first, as the dots are drawn: what a pointer or the arrow keys pick from. */
  points: LevelChartPoint[];
  /** Where each level's grid line is. */
  levels: { level: number; y: number }[];
}

/** One area's history as the matrix shows it, worked out once per list of assessments. */
export interface AreaHistory {
  /** The assessments in force, oldest first. */
  history: Assessment[];
  /** Every assessment, corrected and withdrawn ones included, newest first, as the text history lists them. */
  records: Assessment[];
  chart: LevelChart | null;
  /** The chart in words, for those who cannot see it: each assessment's date and level. */
  description: string;
}

function isLater(a: Assessment, b: Assessment): boolean {
  return a.date !== b.date ? a.date > b.date : a.recordedAt > b.recordedAt;
}

const oldestFirst = (a: Assessment, b: Assessment) => (isLater(a, b) ? 1 : isLater(b, a) ? -1 : 0);

/** Coordinates are written to a tenth of a unit: finer is invisible and only lengthens the path. */
const round = (value: number) => Math.round(value * 10) / 10;

/** The chart of an area's assessments in force (oldest first); null when there are none. */
export function levelChart(history: readonly Assessment[], today: IsoDate): LevelChart | null {
  if (history.length === 0) return null;
  const { width, height, left, right, top, bottom, dot } = LEVEL_CHART;
  // Dates without a time parse as UTC midnight: one parse per assessment.
  const times = history.map((assessment) => Date.parse(assessment.date));
  const start = times[0]!;
  const end = Math.max(Date.parse(today), times.at(-1)!);
  const span = Math.max(end - start, 1);
  const x = (time: number) => round(left + ((time - start) / span) * (width - left - right));
  const y = (level: number) => round(top + ((4 - level) / 3) * (height - top - bottom));

  const points = history.map((assessment, index) => ({ x: x(times[index]!), y: y(assessment.level), assessment }));
  let line = `M ${points[0]!.x} ${points[0]!.y}`;
  for (const point of points.slice(1)) line += ` H ${point.x} V ${point.y}`;
  line += ` H ${x(end)}`;
  // Each dot is two half-circle arcs from its left edge back to it.
  const dots = points
    .map(
      (point) =>
        `M ${round(point.x - dot)} ${point.y} a ${dot} ${dot} 0 1 0 ${2 * dot} 0 a ${dot} ${dot} 0 1 0 ${-2 * dot} 0`,
    )
    .join(' ');
  return { line, dots, points, levels: [1, 2, 3, 4].map((level) => ({ level, y: y(level) })) };
}

/** The index of the point nearest `x` along the chart (points oldest first, so in order of x). */
export function nearestPoint(points: readonly LevelChartPoint[], x: number): number {
  let low = 0;
  let high = points.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (points[middle]!.x < x) low = middle + 1;
    else high = middle;
  }
  if (low > 0 && x - points[low - 1]!.x <= points[low]!.x - x) return low - 1;
  return low;
}

/** What a dot's tooltip says: "17 Sep 2026: level 2 (Marcus Adeyemi)". */
export function assessmentPointText(assessment: Assessment): string {
  return `${formatIsoDate(assessment.date, 'short')}: level ${assessment.level} (${whoAssessed(assessment)})`;
}

function describe(areaName: string, history: readonly Assessment[]): string {
  const dated = history.map((assessment) => `${formatIsoDate(assessment.date, 'short')}: level ${assessment.level}`);
  return `Level history for ${areaName}: ${dated.join(', ')}`;
}

interface Cached {
  today: IsoDate;
  areas: readonly Area[];
  byArea: ReadonlyMap<string, AreaHistory>;
}

/**
 * The assessments are never changed in place (an edit makes a new list), so each list's histories are worked
 * out once and serve every opening of the matrix until an assessment, an area or the day changes.
 */
const histories = new WeakMap<readonly Assessment[], Cached>();

/** Every area's history, chart and description, reading the assessments once rather than once per area. */
export function areaHistories(doc: PlanDocument, today: IsoDate): ReadonlyMap<string, AreaHistory> {
  const cached = histories.get(doc.assessments);
  if (cached?.today === today && cached.areas === doc.matrix.areas) return cached.byArea;
  const all = new Map<string, Assessment[]>(doc.matrix.areas.map((area) => [area.id, []]));
  for (const assessment of doc.assessments) all.get(assessment.areaId)?.push(assessment);
  const byArea = new Map<string, AreaHistory>();
  for (const area of doc.matrix.areas) {
    const records = all.get(area.id)!.sort(oldestFirst);
    const history = records.filter(isInForce);
    byArea.set(area.id, {
      history,
      records: records.reverse(),
      chart: levelChart(history, today),
      description: describe(area.name, history),
    });
  }
  histories.set(doc.assessments, { today, areas: doc.matrix.areas, byArea });
  return byArea;
}
