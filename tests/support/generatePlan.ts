import { demoDocument } from '../../electron/core/demoPlan';
import { ACTION_STATUSES } from '../../shared/model/action';
import type { Action } from '../../shared/model/action';
import type { PlanDocument } from '../../shared/model/plan';
import { timescaleFromText } from '../../shared/domain/timescale';

/** Small deterministic PRNG: generated plans, and random test runs, replay the same from a seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const PHRASES = [
  'Review the referral pathway with partners and agree the changes needed so that families are seen sooner',
  'Map the services currently available, including budget and staff, and evaluate the impact they have',
  'Develop the training programme for practitioners across the partnership and agree who will deliver it',
  'Share the performance data at the board so that all partners understand what success looks like',
  'Consult with staff and families on the proposed model and report the themes back to the next board',
];

/**
 * A plan of `size` actions built on the demo plan's matrix and people, with text of the length real
 * actions have: for benchmarks and scale tests.
 */
const RISKS = [
  'Level of funding cuts will affect the ability to deliver beyond the statutory minimum.',
  'Recruitment to the two vacant posts is slower than planned; cover is in place until March.',
  'Depends on the data-sharing agreement with health partners, not yet signed.',
  'Capacity in schools during the exam period may delay the pilot.',
];

const BOARD_COMMENTS = [
  'The board is asked to note the slippage and agree the revised timescale.',
  'Partners have asked for the board to raise the funding question with the Cabinet member.',
  'No decision needed from the board this time; progress is as planned.',
];

export function generatePlan(size: number, seed = 1): PlanDocument {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const base = demoDocument();
  const people = base.people;
  const timescale = () =>
    timescaleFromText(`${pick(['', 'End of ', 'Beg '])}${pick(MONTHS)} ${pick(['26', '27', '2027', '28'])}`);
  const actions: Action[] = [];
  for (let index = 0; index < size; index += 1) {
    const lead = pick(people);
    const stepCount = 1 + Math.floor(random() * 3);
    actions.push({
      id: `gen-${index + 1}`,
      number: String(index + 1),
      areaId: pick(base.matrix.areas).id,
      description: `${pick(PHRASES)} (action ${index + 1}). ${pick(PHRASES)}.`,
      achievement: `${pick(PHRASES)}. ${pick(PHRASES)}.`,
      // One action in four carries a note on risks, as real plans do; no draw, so the sequence stays as it was.
      risks: index % 4 === 0 ? RISKS[index % RISKS.length]! : '',
      // One in three has a comment for the board, also without a draw.
      boardComment: index % 3 === 1 ? BOARD_COMMENTS[index % BOARD_COMMENTS.length]! : '',
      nextSteps: Array.from({ length: stepCount }, (_, step) => ({
        id: `gen-${index + 1}-s${step + 1}`,
        text: pick(PHRASES),
        leads: [{ name: pick(people).name }],
        timescale: timescale(),
        done: random() < 0.3,
      })),
      leads: [{ name: lead.name, personId: lead.id }],
      timescale: timescale(),
      progressLevel: 1 + Math.floor(random() * 4),
      status: pick(ACTION_STATUSES),
      targetLevel: null,
      createdAt: '2026-01-05T09:00:00.000Z',
      updatedAt: '2026-10-01T09:00:00.000Z',
    });
  }
  return { ...base, actions, updateLog: [] };
}

/** How much history a generated plan carries: what three to ten years of real use leave in the file. */
export interface HistorySpec {
  actions: number;
  years: number;
  logEntries: number;
  papers: number;
  assessments: number;
  measures: number;
  valuesPerMeasure: number;
  reviews: number;
}

/** A large partnership's plan after three years: the size the issue measured the slow views at. */
export const THREE_YEARS_AT_5000: HistorySpec = {
  actions: 5000,
  years: 3,
  logEntries: 100_000,
  papers: 36,
  assessments: 2000,
  measures: 200,
  valuesPerMeasure: 36,
  reviews: 5000,
};

/** A real-sized plan (150 actions) kept for ten years: monthly figures, quarterly papers and reviews. */
export const TEN_YEARS_AT_150: HistorySpec = {
  actions: 150,
  years: 10,
  logEntries: 54_000,
  papers: 40,
  assessments: 700,
  measures: 60,
  valuesPerMeasure: 120,
  reviews: 3000,
};

/** Where generated history ends: the benchmark's and the end-to-end tests' clock. */
export const HISTORY_END = '2026-11-24T10:00:00.000Z';

/** Sentences in the register of real plans (invented services and figures, no real people). */
const LONG_PHRASES = [
  'The Intensive Family Support Team is a small team within the Children and Families First service, with 14 keyworkers working with 203 children across 82 families',
  'A proposal with recommendations is nearing completion and sets out how mainstreaming can take place while keeping the casework needed for payment by results',
  'The first claim has been completed for 27 families; this compares well with similar authorities, all of whom are working out how to evidence outcomes against the broader criteria',
  'Budget pressures of £0.7m a year for the next three years mean the offer must be fit for purpose when reductions take effect, with self-help for parents built into the customer journey',
  'Partners agreed at the last board to map every early help service in the city, including budget and staff, and to evaluate the impact each one has on families',
  'The multi-agency training programme has reached 412 practitioners across schools, health visiting and the voluntary sector, and the evaluation shows confidence has risen',
  'Eighty-one per cent of settings are judged good or better; take-up of places for two-year-olds dipped in the spring term as children turned three and is expected to recover by the autumn',
  'The locality panels now meet fortnightly and have agreed a single referral form; the waiting time from contact to first visit has fallen from 31 to 18 working days',
  'Performance data on the early help assessment is shared at each board so that all partners understand what success looks like and where the gaps remain',
  'Staff and families were consulted on the proposed model over six weeks; 146 responses were received and the themes will be reported to the next board',
  'Further work to identify evidence against outcomes will be completed by the end of May so that auditors can approve the evidence for the second claim',
  'The quality assurance framework has been refreshed and a sample of 40 cases is audited each quarter by practitioners from at least two agencies',
];

const COMMENTS = [
  'Please add the dates agreed at the locality panel.',
  'The achievement repeats last quarter: say what changed since.',
  'Which partner leads the next step? Name them.',
  'The status says on track but the step is three months late.',
];

/** A sentence or several, up to about `max` characters, like the cells of a printed plan. */
function prose(pick: <T>(items: readonly T[]) => T, random: () => number, max: number): string {
  let text = `${pick(LONG_PHRASES)}.`;
  const target = max * (0.4 + random() * 0.6);
  while (text.length < target) text += ` ${pick(LONG_PHRASES)}.`;
  return text;
}

function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A plan with years of history, for benchmarks and scale tests: an update log whose entries are the edits a
 * year of real use makes (mostly statuses, achievements and timescales, written in the log's own JSON form),
 * papers with their snapshots of every action, assessments, measures with dated values and managers'
 * reviews, all between `spec.years` years before HISTORY_END and HISTORY_END. Each action's `updatedAt` is
 * its last logged change, so "not updated since the last paper" is as true to life as the log.
 */
export function generateHistoryPlan(spec: HistorySpec, seed = 1): PlanDocument {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const end = Date.parse(HISTORY_END);
  const start = end - spec.years * 365.25 * 24 * 3600 * 1000;
  const span = end - start;
  const base = generatePlan(spec.actions, seed);
  const demo = demoDocument();
  const people = base.people;
  const areas = base.matrix.areas;
  const actions = base.actions.map((action) => ({
    ...action,
    description: prose(pick, random, 600),
    achievement: prose(pick, random, 1200),
    createdAt: isoAt(start),
    updatedAt: isoAt(start),
  }));

  const times = Array.from({ length: spec.logEntries }, () => start + random() * span).sort((a, b) => a - b);
  const updateLog: PlanDocument['updateLog'] = [];
  let changeId = '';
  for (let index = 0; index < times.length; index += 1) {
    const action = actions[Math.floor(random() * actions.length)]!;
    const at = isoAt(times[index]!);
    const roll = random();
    const field = roll < 0.55 ? 'status' : roll < 0.8 ? 'timescale' : roll < 0.92 ? 'achievement' : 'nextSteps';
    const old =
      field === 'status'
        ? pick(ACTION_STATUSES)
        : field === 'timescale'
          ? timescaleFromText(`End of ${pick(MONTHS)} 26`)
          : field === 'achievement'
            ? prose(pick, random, 400)
            : action.nextSteps.slice(0, 1);
    const next =
      field === 'status'
        ? action.status
        : field === 'timescale'
          ? action.timescale
          : field === 'achievement'
            ? prose(pick, random, 400)
            : action.nextSteps.slice(0, 1);
    if (index === 0 || random() < 0.7) changeId = `log-${index + 1}`;
    updateLog.push({
      id: `log-${index + 1}`,
      changeId,
      actionId: action.id,
      actionNumber: action.number,
      at,
      by: pick(people).name,
      field,
      old: JSON.stringify(old),
      new: JSON.stringify(next),
    });
    action.updatedAt = at;
  }

  const template = demo.papers[0]!;
  const papers = Array.from({ length: spec.papers }, (_, index) => {
    const produced = start + ((index + 1) * span) / (spec.papers + 1);
    const meeting = new Date(produced + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const statuses = Object.fromEntries(actions.map((action) => [action.id, pick(ACTION_STATUSES)]));
    return {
      ...template,
      id: `paper-${index + 1}`,
      producedAt: isoAt(produced),
      meetingDate: meeting,
      files: [
        `/home/secretary/Board papers/Early Help ${meeting}.docx`,
        `/home/secretary/Board papers/Early Help ${meeting}.xlsx`,
      ],
      snapshot: {
        levels: Object.fromEntries(areas.map((area) => [area.id, (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4])),
        statuses,
        completed: Object.keys(statuses).filter((id) => statuses[id] === 'complete'),
      },
      issuedAt: isoAt(produced),
    };
  });

  const assessments = Array.from({ length: spec.assessments }, (_, index) => {
    const at = start + ((index + 1) * span) / (spec.assessments + 1);
    return {
      id: `assessment-${index + 1}`,
      areaId: areas[index % areas.length]!.id,
      level: (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4,
      date: isoAt(at).slice(0, 10),
      evidence: prose(pick, random, 900),
      assessedBy: pick(people).name,
      recordedAt: isoAt(at + 3600 * 1000),
    };
  });

  const measures = Array.from({ length: spec.measures }, (_, index) => {
    const direction = random() < 0.5 ? ('maximise' as const) : ('minimise' as const);
    return {
      id: `measure-${index + 1}`,
      name: `${pick(['% of families with an early help assessment', '% of contacts to social care', 'Number of referrals to the locality panel', '% of children with a place at two'])} (${index + 1})`,
      description: prose(pick, random, 300),
      direction,
      unit: 'percent' as const,
      target: Math.round(random() * 100),
      baseline: { date: isoAt(start).slice(0, 10), value: Math.round(random() * 100) },
      values: Array.from({ length: spec.valuesPerMeasure }, (_, point) => ({
        id: `measure-${index + 1}-v${point + 1}`,
        date: isoAt(start + ((point + 1) * span) / (spec.valuesPerMeasure + 1)).slice(0, 10),
        value: Math.round(random() * 1000) / 10,
        note: random() < 0.2 ? 'Provisional figure from the quarterly return.' : '',
      })),
      areaIds: [pick(areas).id],
      actionIds: [pick(actions).id, pick(actions).id].filter((id, position, ids) => ids.indexOf(id) === position),
    };
  });

  const reviews = Array.from({ length: spec.reviews }, (_, index) => {
    const at = isoAt(start + random() * span);
    const sentBack = random() < 0.15;
    return {
      id: `review-${index + 1}`,
      actionId: pick(actions).id,
      at,
      upTo: at,
      by: pick(people).name,
      outcome: sentBack ? ('sent_back' as const) : ('reviewed' as const),
      comment: sentBack ? pick(COMMENTS) : '',
    };
  });

  return {
    ...base,
    plan: {
      ...base.plan,
      periodStart: isoAt(start).slice(0, 10),
      periodEnd: '2028-03-31',
      nextBoardDate: '2027-01-21',
    },
    actions,
    updateLog,
    papers,
    assessments,
    measures,
    reviews,
  };
}
