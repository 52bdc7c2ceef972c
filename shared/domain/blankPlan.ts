import { DEFAULT_YEAR_START_MONTH } from './timescale';
import { CURRENT_SCHEMA_VERSION } from '../model/plan';
import type { PlanDocument } from '../model/plan';
import { DEFAULT_AREA_NAMES, DEFAULT_LEVEL_NAMES } from '../model/matrix';
import type { IsoDate } from '../model/primitives';

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A new plan: the seven areas and four levels of the maturity matrix, and nothing else yet. */
export function blankPlan({ id, title, today }: { id: string; title: string; today: IsoDate }): PlanDocument {
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
    matrix: {
      areas: DEFAULT_AREA_NAMES.map((name) => ({ id: slug(name), name })),
      levels: [1, 2, 3, 4].map((level) => ({ level, name: DEFAULT_LEVEL_NAMES[level - 1]! })) as PlanDocument['matrix']['levels'],
    },
    assessments: [],
    people: [],
    actions: [],
    updateLog: [],
    papers: [],
    measures: [],
    reviews: [],
  };
}
