import { DEFAULT_YEAR_START_MONTH } from './timescale';
import { CURRENT_SCHEMA_VERSION } from '../model/plan';
import type { PlanDocument } from '../model/plan';
import type { IsoDate } from '../model/primitives';
import { DEFAULT_MATRIX_PRESET, matrixFromPreset } from './matrixPresets';
import type { MatrixPresetId } from './matrixPresets';

/** A new plan: the chosen matrix (by default the seven areas and four levels), and nothing else yet. */
export function blankPlan({
  id,
  title,
  today,
  preset = DEFAULT_MATRIX_PRESET,
}: {
  id: string;
  title: string;
  today: IsoDate;
  preset?: MatrixPresetId;
}): PlanDocument {
  const year = Number(today.slice(0, 4));
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    plan: {
      id,
      title,
      organisation: '',
      periodStart: today,
      periodEnd: `${year + 3}${today.slice(4)}`,
      boards: [],
      nextBoardDate: null,
      yearStartMonth: DEFAULT_YEAR_START_MONTH,
    },
    matrix: matrixFromPreset(preset),
    assessments: [],
    people: [],
    actions: [],
    updateLog: [],
    papers: [],
    dataCalls: [],
    measures: [],
    reviews: [],
  };
}
