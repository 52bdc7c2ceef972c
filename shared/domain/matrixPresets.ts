import { z } from 'zod';
import type { Descriptors, Matrix } from '../model/matrix';

/**
 * Matrices a new plan can start from. The descriptors are this app's own summaries of what each level
 * tends to look like, written as a starting point for a board to edit, not quotations of any model.
 */
export const MATRIX_PRESET_IDS = ['early-help-seven-areas', 'service-transformation'] as const;
export const matrixPresetIdSchema = z.enum(MATRIX_PRESET_IDS, {
  error: `must be one of: ${MATRIX_PRESET_IDS.join(', ')}`,
});
export type MatrixPresetId = z.infer<typeof matrixPresetIdSchema>;
export const DEFAULT_MATRIX_PRESET: MatrixPresetId = 'early-help-seven-areas';

interface PresetArea {
  id: string;
  name: string;
  descriptors: Descriptors;
}

export interface MatrixPreset {
  id: MatrixPresetId;
  name: string;
  /** Where the areas and levels come from, so a board knows what it is choosing. */
  source: string;
  levels: [string, string, string, string];
  areas: PresetArea[];
}

const SEVEN_AREAS: MatrixPreset = {
  id: 'early-help-seven-areas',
  name: 'Early Help and Prevention: seven areas',
  source: 'The seven-area, four-level matrix used by Early Help and Prevention boards in their action plans.',
  levels: ['Basic level', 'Early progress', 'Substantial progress', 'Maturity'],
  areas: [
    {
      id: 'service-delivery',
      name: 'Service delivery',
      descriptors: [
        'Services are offered one by one; families are often passed between them and help tends to come late.',
        'Some services share a front door and agree who leads with a family; gaps in the offer are known.',
        'Most families get one plan and one lead professional; the offer covers the needs found locally.',
        'Families get the right help at the first point of contact, and the offer changes as their needs do.',
      ],
    },
    {
      id: 'integrated-service-delivery',
      name: 'Integrated service delivery',
      descriptors: [
        'Teams work to their own agency’s processes; joint work depends on individual contacts.',
        'Pilots of joint teams or hubs are running in some places, with shared case meetings.',
        'Multi-agency teams work from shared bases in most localities, with agreed pathways between them.',
        'Partners plan, fund and deliver early help together everywhere, as one system around the family.',
      ],
    },
    {
      id: 'workforce-development',
      name: 'Workforce development',
      descriptors: [
        'Training is arranged by each agency; few staff outside the council are trained in early help.',
        'A shared training offer exists and the main partners take it up; supervision varies.',
        'Staff across partners share one way of working, with regular supervision and reflective practice.',
        'Workforce planning is joint; skills are kept up to date and staff move easily between roles.',
      ],
    },
    {
      id: 'integrated-performance-management',
      name: 'Integrated performance management',
      descriptors: [
        'Each agency reports its own activity; there is no shared picture of outcomes for families.',
        'A first set of shared measures is agreed and reported to the board, with gaps in the data.',
        'Partners share data routinely; the board uses outcome measures to steer the plan.',
        'Shared data predicts need, shows what works and moves resources to where they help most.',
      ],
    },
    {
      id: 'quality-assurance',
      name: 'Quality assurance',
      descriptors: [
        'Quality is checked case by case, if at all; families’ views are rarely asked for.',
        'Audits of assessments and plans have started, and findings are shared with managers.',
        'A regular audit cycle across partners, with families’ feedback, leads to changes in practice.',
        'Learning from audits, feedback and outcomes improves practice continuously across the partnership.',
      ],
    },
    {
      id: 'communication-and-engagement',
      name: 'Communication and engagement',
      descriptors: [
        'Few staff or families know what early help is on offer or how to reach it.',
        'Newsletters, briefings and visits reach staff in the main services; families are told of changes.',
        'Staff across partners know the offer; families and communities help shape it.',
        'Families, communities and staff are involved in designing, running and reviewing services.',
      ],
    },
    {
      id: 'governance',
      name: 'Governance',
      descriptors: [
        'No single board owns early help; decisions are made agency by agency.',
        'A board is set up with terms of reference and a strategy; membership is still settling.',
        'The board holds partners to account against the plan and clears blockages.',
        'Early help is a shared priority across partnership boards, with pooled resources and clear accountability.',
      ],
    },
  ],
};

const SERVICE_TRANSFORMATION: MatrixPreset = {
  id: 'service-transformation',
  name: 'Early help service transformation: six strands',
  source:
    'The strands and stages of the early help service transformation maturity model published for the Troubled Families Programme (2016, refreshed 2017).',
  levels: ['Early', 'Developing', 'Maturing', 'Mature'],
  areas: [
    {
      id: 'family-experience',
      name: 'Family experience of transformed services',
      descriptors: [
        'Families tell their story many times and deal with several workers who do not talk to each other.',
        'Some families have one worker and one plan, but this depends on where they live or who they meet.',
        'Most families have one trusted worker, one plan covering the whole family, and say help made a difference.',
        'Families shape their own plans, know where to turn and say the help they get is joined up and lasting.',
      ],
    },
    {
      id: 'leadership',
      name: 'Leadership',
      descriptors: [
        'Early help is led from within one service; other leaders see it as someone else’s job.',
        'Senior leaders from the main partners have signed up to early help and meet to discuss it.',
        'Leaders across partners champion whole-family working and act together on shared risks.',
        'Leaders share responsibility for outcomes, model the culture and hold each other to account.',
      ],
    },
    {
      id: 'strategy',
      name: 'Strategy',
      descriptors: [
        'There is no agreed early help strategy, or it covers only the council’s own services.',
        'A partnership strategy is drafted, with a local picture of need, and is being consulted on.',
        'An agreed strategy, based on evidence of need and cost, guides commissioning and budgets.',
        'The strategy is reviewed against outcomes and shifts spending from crisis services to early help.',
      ],
    },
    {
      id: 'culture',
      name: 'Culture',
      descriptors: [
        'Agencies work to their own thresholds and refer on rather than take part.',
        'Staff begin to see early help as everyone’s business; whole-family working is talked about.',
        'Working with the whole family and sharing information is normal practice in most services.',
        'Staff in every service take ownership of families’ needs and challenge each other constructively.',
      ],
    },
    {
      id: 'workforce-development',
      name: 'Workforce development',
      descriptors: [
        'Little shared training; skills in whole-family working are patchy.',
        'A joint training plan is in place and the core early help workforce has been trained.',
        'Staff across partners share skills, supervision and a common approach to assessment and planning.',
        'Workforce development is planned jointly, keeps pace with need and is tested for its effect on families.',
      ],
    },
    {
      id: 'delivery-structures',
      name: 'Delivery structures and processes',
      descriptors: [
        'Separate referral routes, assessments and case systems; information is hard to share.',
        'A shared front door or hub is being set up, with agreements to share information.',
        'One route in, one assessment and shared case records serve most partners, with clear step up and step down.',
        'Structures and systems are fully shared, data flows safely, and processes are reviewed as needs change.',
      ],
    },
  ],
};

export const MATRIX_PRESETS: Record<MatrixPresetId, MatrixPreset> = {
  'early-help-seven-areas': SEVEN_AREAS,
  'service-transformation': SERVICE_TRANSFORMATION,
};

export function matrixFromPreset(id: MatrixPresetId): Matrix {
  const preset = MATRIX_PRESETS[id];
  return {
    areas: preset.areas.map((area) => ({ id: area.id, name: area.name, descriptors: [...area.descriptors] })),
    levels: preset.levels.map((name, index) => ({ level: index + 1, name })) as Matrix['levels'],
  };
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The preset's descriptors for an area of that name, when the matrix's four level names are the preset's:
 * the same words would mean something else against other levels.
 */
export function presetDescriptorsFor(
  levelNames: readonly string[],
  areaName: string,
  id: MatrixPresetId = DEFAULT_MATRIX_PRESET,
): Descriptors | null {
  const preset = MATRIX_PRESETS[id];
  if (!preset.levels.every((name, index) => sameName(name, levelNames[index] ?? ''))) return null;
  const area = preset.areas.find((candidate) => sameName(candidate.name, areaName));
  return area ? [...area.descriptors] : null;
}
