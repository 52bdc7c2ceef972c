import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Action, NextStep } from '../../shared/model/action';
import type { Assessment } from '../../shared/model/matrix';
import { DEFAULT_AREA_NAMES, DEFAULT_LEVEL_NAMES, noDescriptors } from '../../shared/model/matrix';
import type { PlanDocument } from '../../shared/model/plan';
import { CURRENT_SCHEMA_VERSION } from '../../shared/model/plan';
import type { EditContext } from '../../shared/domain/operations';

/** Area ids in the matrix's order (the order of DEFAULT_AREA_NAMES). */
export const AREA_IDS = [
  'service-delivery',
  'integrated-service-delivery',
  'workforce-development',
  'integrated-performance',
  'quality-assurance',
  'communication',
  'governance',
] as const;

export const FIXED_NOW = '2016-06-15T12:00:00.000Z';
export const FIXED_TODAY = '2016-06-15';

export function makeNextStep(overrides: Partial<NextStep> = {}): NextStep {
  return {
    id: 'step-x',
    text: 'A next step',
    leads: [],
    timescale: { text: '', due: null },
    done: false,
    ...overrides,
  };
}

export function makeAction(overrides: Partial<Action> = {}): Action {
  return {
    id: 'action-x',
    number: '99',
    areaId: 'service-delivery',
    risks: '',
    boardComment: '',
    description: 'An action',
    achievement: '',
    nextSteps: [],
    leads: [],
    timescale: { text: '', due: null },
    progressLevel: 1,
    status: 'not_started',
    targetLevel: null,
    createdAt: '2016-01-04T09:00:00.000Z',
    updatedAt: '2016-01-04T09:00:00.000Z',
    ...overrides,
  };
}

export function makeAssessment(overrides: Partial<Assessment> = {}): Assessment {
  return {
    id: 'assessment-x',
    areaId: 'service-delivery',
    level: 1,
    date: '2016-01-01',
    evidence: '',
    assessedBy: 'Board',
    recordedAt: '2016-01-01T10:00:00.000Z',
    ...overrides,
  };
}

/**
 * A small valid plan, modelled on the Early Help and Prevention action plan: 7 areas, 4 actions (numbers
 * 1, 2, 10 and 3, in that file order), 3 assessments and 3 people. A fresh object on every call.
 */
export function makeDocument(): PlanDocument {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    plan: {
      id: 'plan-1',
      title: 'Early Help and Prevention Action Plan 2015 – 2018',
      organisation: 'City Council',
      periodStart: '2015-04-01',
      periodEnd: '2018-03-31',
      boards: ['Early Help Board'],
      nextBoardDate: '2016-07-20',
      yearStartMonth: 4,
    },
    matrix: {
      areas: AREA_IDS.map((id, index) => ({ id, name: DEFAULT_AREA_NAMES[index]!, descriptors: noDescriptors() })),
      levels: [
        { level: 1, name: DEFAULT_LEVEL_NAMES[0] },
        { level: 2, name: DEFAULT_LEVEL_NAMES[1] },
        { level: 3, name: DEFAULT_LEVEL_NAMES[2] },
        { level: 4, name: DEFAULT_LEVEL_NAMES[3] },
      ],
    },
    assessments: [
      makeAssessment({
        id: 'assessment-1',
        areaId: 'service-delivery',
        level: 2,
        date: '2015-10-01',
        evidence: 'Phase 1 families worked with',
        recordedAt: '2015-10-02T10:00:00.000Z',
      }),
      makeAssessment({
        id: 'assessment-2',
        areaId: 'service-delivery',
        level: 3,
        date: '2016-04-01',
        evidence: 'Phase 2 started ahead of schedule',
        recordedAt: '2016-04-02T10:00:00.000Z',
      }),
      makeAssessment({
        id: 'assessment-3',
        areaId: 'governance',
        level: 1,
        date: '2016-01-15',
        recordedAt: '2016-01-15T10:00:00.000Z',
      }),
    ],
    people: [
      { id: 'person-1', name: 'Nadia Pemberton', role: 'Service Manager', organisation: 'City Council' },
      { id: 'person-2', name: 'Owen Castell', role: 'Performance Manager', organisation: 'City Council' },
      { id: 'person-3', name: 'Bryony Marsh', role: 'Service Manager', organisation: 'City Council' },
    ],
    actions: [
      makeAction({
        id: 'action-1',
        number: '1',
        areaId: 'service-delivery',
        description: 'Implement Strengthening Families Phase 2',
        achievement: '1st claim completed – 27 families claimed',
        nextSteps: [
          makeNextStep({
            id: 'step-1',
            text: 'Identify evidence against outcomes so auditors can approve payment by results',
            leads: [{ name: 'Owen Castell', personId: 'person-2' }],
            timescale: { text: 'End of May 16', due: '2016-05-31' },
          }),
          makeNextStep({
            id: 'step-2',
            text: 'Submit the 2nd claim',
            leads: [{ name: 'Nadia Pemberton', personId: 'person-1' }],
            timescale: { text: 'September 16', due: '2016-09-30' },
          }),
        ],
        leads: [{ name: 'Nadia Pemberton', personId: 'person-1' }],
        timescale: { text: 'June 2016', due: '2016-06-30' },
        progressLevel: 3,
        status: 'on_track',
      }),
      makeAction({
        id: 'action-2',
        number: '2',
        areaId: 'service-delivery',
        description: 'Sufficiency and Quality Assurance of the 2/3/4 year old offer',
        leads: [{ name: 'Bryony Marsh', personId: 'person-3' }],
        timescale: { text: 'March 17', due: '2017-03-31' },
        progressLevel: 3,
        status: 'at_risk',
      }),
      makeAction({
        id: 'action-3',
        number: '10',
        areaId: 'workforce-development',
        description: 'Develop a training programme across tier 2 using multi systemic therapy',
        nextSteps: [
          makeNextStep({
            id: 'step-3',
            text: 'Scope the training needs of key workers',
            leads: [{ name: 'Jo Bloggs' }],
            timescale: { text: 'Ongoing', due: null },
          }),
        ],
        timescale: { text: 'Ongoing', due: null },
        progressLevel: 1,
        status: 'not_started',
      }),
      makeAction({
        id: 'action-4',
        number: '3',
        areaId: 'governance',
        description: 'Publish the annual report to the board',
        leads: [{ name: 'Bryony Marsh', personId: 'person-3' }],
        timescale: { text: 'Completed Feb 16', due: '2016-02-29' },
        progressLevel: 2,
        status: 'complete',
      }),
    ],
    updateLog: [],
    papers: [],
    dataCalls: [],
    measures: [],
    reviews: [],
  };
}

export interface FixedContext extends EditContext {
  /** How many ids newId has handed out so far. */
  readonly issued: () => number;
}

/** An EditContext with a fixed clock and ids "id-1", "id-2", ... so edits are repeatable. */
export function fixedContext(options: { now?: string; by?: string; idPrefix?: string } = {}): FixedContext {
  let counter = 0;
  const prefix = options.idPrefix ?? 'id';
  return {
    now: options.now ?? FIXED_NOW,
    by: options.by ?? 'Test User',
    newId: () => {
      counter += 1;
      return `${prefix}-${counter}`;
    },
    issued: () => counter,
  };
}

/** A counter id source for handlers (HandlerDeps.newId). */
export function counterIds(prefix = 'gen'): () => string {
  let counter = 0;
  return () => {
    counter += 1;
    return `${prefix}-${counter}`;
  };
}

export async function makeTempDir(label = 'apt-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), label));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}
