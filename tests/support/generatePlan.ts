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

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
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
export function generatePlan(size: number, seed = 1): PlanDocument {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const base = demoDocument();
  const people = base.people;
  const timescale = () => timescaleFromText(`${pick(['', 'End of ', 'Beg '])}${pick(MONTHS)} ${pick(['26', '27', '2027', '28'])}`);
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
      nextSteps: Array.from({ length: stepCount }, (_, step) => ({
        id: `gen-${index + 1}-s${step + 1}`,
        text: pick(PHRASES),
        leads: [{ name: pick(people).name }],
        timescale: timescale(),
        done: random() < 0.3,
      })),
      leads: [{ name: lead.name, personId: lead.id }],
      timescale: timescale(),
      progressLevel: (1 + Math.floor(random() * 4)),
      status: pick(ACTION_STATUSES),
      targetLevel: null,
      createdAt: '2026-01-05T09:00:00.000Z',
      updatedAt: '2026-10-01T09:00:00.000Z',
    });
  }
  return { ...base, actions, updateLog: [] };
}
