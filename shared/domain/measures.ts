import type { Measure, MeasurePoint } from '../model/measure';
import { isInForce } from '../model/correction';

export type Trend = 'improving' | 'worsening' | 'unchanged' | 'no_data';

/** The figures that count, oldest first: corrected and withdrawn ones stay in the record but not here. */
export function valuesInForce(measure: Measure): MeasurePoint[] {
  return measure.values.filter(isInForce).sort((a, b) => a.date.localeCompare(b.date));
}

export function latestValue(measure: Measure): MeasurePoint | null {
  return valuesInForce(measure).at(-1) ?? null;
}

/** Whether the last two figures moved the way the measure wants to go. */
export function trendOf(measure: Measure): Trend {
  const values = valuesInForce(measure);
  if (values.length < 2) return 'no_data';
  const [previous, latest] = values.slice(-2) as [MeasurePoint, MeasurePoint];
  if (latest.value === previous.value) return 'unchanged';
  const rose = latest.value > previous.value;
  return rose === (measure.direction === 'maximise') ? 'improving' : 'worsening';
}

/** Met when the latest figure is at or beyond the target in the measure's direction; null without both. */
export function meetsTarget(measure: Measure): boolean | null {
  const latest = latestValue(measure);
  if (!latest || measure.target === null) return null;
  return measure.direction === 'maximise' ? latest.value >= measure.target : latest.value <= measure.target;
}

export function formatMeasureValue(measure: Measure, value: number): string {
  const rounded = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return measure.unit === 'percent' ? `${rounded}%` : rounded;
}
