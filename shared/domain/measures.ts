import type { Measure, MeasurePoint } from '../model/measure';
import { isInForce } from '../model/correction';

export type Trend = 'improving' | 'worsening' | 'unchanged' | 'no_data';

/** The figures that count, oldest first: corrected and withdrawn ones stay in the record but not here. */
export function valuesInForce(measure: Measure): MeasurePoint[] {
  return measure.values.filter(isInForce).sort((a, b) => a.date.localeCompare(b.date));
}

/** Everything a measure's card and the board paper say about its figures, read from them in one pass. */
export interface MeasureSummary {
  /** The figures in force, oldest first. */
  values: MeasurePoint[];
  latest: MeasurePoint | null;
  /** The figure before the latest: what the trend is measured from. */
  previous: MeasurePoint | null;
  trend: Trend;
  /** Met when the latest figure is at or beyond the target in the measure's direction; null without both. */
  met: boolean | null;
}

export function summariseMeasure(measure: Measure): MeasureSummary {
  const values = valuesInForce(measure);
  const latest = values.at(-1) ?? null;
  const previous = values.at(-2) ?? null;
  return { values, latest, previous, trend: trendBetween(measure, previous, latest), met: metBy(measure, latest) };
}

/** Whether the last two figures moved the way the measure wants to go. */
function trendBetween(measure: Measure, previous: MeasurePoint | null, latest: MeasurePoint | null): Trend {
  if (!previous || !latest) return 'no_data';
  if (latest.value === previous.value) return 'unchanged';
  const rose = latest.value > previous.value;
  return rose === (measure.direction === 'maximise') ? 'improving' : 'worsening';
}

function metBy(measure: Measure, latest: MeasurePoint | null): boolean | null {
  if (!latest || measure.target === null) return null;
  return measure.direction === 'maximise' ? latest.value >= measure.target : latest.value <= measure.target;
}

export function latestValue(measure: Measure): MeasurePoint | null {
  return summariseMeasure(measure).latest;
}

/** Whether the last two figures moved the way the measure wants to go. */
export function trendOf(measure: Measure): Trend {
  return summariseMeasure(measure).trend;
}

/** Met when the latest figure is at or beyond the target in the measure's direction; null without both. */
export function meetsTarget(measure: Measure): boolean | null {
  return summariseMeasure(measure).met;
}

export function formatMeasureValue(measure: Measure, value: number): string {
  const rounded = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return measure.unit === 'percent' ? `${rounded}%` : rounded;
}
