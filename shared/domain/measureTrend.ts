import type { Measure, MeasurePoint } from '../model/measure';
import { TREND_TEXT } from './boardPaperContent';
import { trendOf, valuesInForce } from './measures';
import type { Trend } from './measures';

export interface MeasureTrend {
  trend: Trend;
  /** The board paper's words, so the screen and the paper never describe one trend two ways. */
  text: string;
  /** The figure the trend is measured from; null while there are not two figures to compare. */
  previous: MeasurePoint | null;
}

export function measureTrend(measure: Measure): MeasureTrend {
  const trend = trendOf(measure);
  return {
    trend,
    text: TREND_TEXT[trend],
    previous: trend === 'no_data' ? null : (valuesInForce(measure).at(-2) ?? null),
  };
}
