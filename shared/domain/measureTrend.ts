import type { Measure, MeasurePoint } from '../model/measure';
import { TREND_TEXT } from './boardPaperContent';
import { summariseMeasure } from './measures';
import type { MeasureSummary, Trend } from './measures';

export interface MeasureTrend {
  trend: Trend;
  /** The board paper's words, so the screen and the paper never describe one trend two ways. */
  text: string;
  /** The figure the trend is measured from; null while there are not two figures to compare. */
  previous: MeasurePoint | null;
}

/** From the measure's summary when the caller already has it, so its figures are read once. */
export function measureTrend(measure: Measure, summary: MeasureSummary = summariseMeasure(measure)): MeasureTrend {
  return {
    trend: summary.trend,
    text: TREND_TEXT[summary.trend],
    previous: summary.trend === 'no_data' ? null : summary.previous,
  };
}
