import { describe, expect, it } from 'vitest';
import { actionsBeforeBoard, attentionReasons, NO_LEAD } from '../../../../../shared/domain/beforeBoard';
import type { AttentionItem, LeadGroup } from '../../../../../shared/domain/beforeBoard';
import { buildPaperContent, paperFigures } from '../../../../../shared/domain/boardPaperContent';
import type { PaperInput } from '../../../../../shared/domain/boardPaperContent';
import { nextDueDate } from '../../../../../shared/domain/derived';
import { latestReview, unreviewedCountsSince, unreviewedUpdates } from '../../../../../shared/domain/reviews';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import type { PlanDocument } from '../../../../../shared/model/plan';
import type { Review } from '../../../../../shared/model/review';
import type { UpdateLogEntry } from '../../../../../shared/model/updateLog';
import {
  generateHistoryPlan,
  HISTORY_END,
  TEN_YEARS_AT_150,
  THREE_YEARS_AT_5000,
} from '../../../../support/generatePlan';
import type { HistorySpec } from '../../../../support/generatePlan';

const TODAY = HISTORY_END.slice(0, 10);

const SMALL_HISTORY: HistorySpec = {
  actions: 60,
  years: 2,
  logEntries: 3000,
  papers: 8,
  assessments: 40,
  measures: 5,
  valuesPerMeasure: 12,
  reviews: 400,
};

/**
 * A generated plan made harder: some reviews written with an offset (the same instant, other text), some on
 * the same instant as another review of the action, so the rule for "latest" and "after" is really tested.
 */
function historyPlan(): PlanDocument {
  const doc = generateHistoryPlan(SMALL_HISTORY, 3);
  const reviews = doc.reviews.map((review, index) => {
    if (index % 7 === 0) {
      const local = new Date(Date.parse(review.upTo) + 3600_000).toISOString().replace('Z', '+01:00');
      return { ...review, upTo: local };
    }
    return review;
  });
  const ties = reviews.slice(0, 20).map((review, index) => ({
    ...review,
    id: `tie-${index}`,
    outcome: 'sent_back' as const,
    comment: 'Recorded on the same instant',
  }));
  return { ...doc, reviews: [...reviews, ...ties] };
}

/** The rule as the reviews module states it, applied the slow way: each action's reviews and log read on their own. */
function naiveLatest(doc: PlanDocument, actionId: string): Review | null {
  return (
    doc.reviews
      .filter((review) => review.actionId === actionId)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      .at(-1) ?? null
  );
}

function naiveUnreviewed(doc: PlanDocument, actionId: string): UpdateLogEntry[] {
  const review = naiveLatest(doc, actionId);
  const upTo = review === null ? null : Date.parse(review.upTo);
  return doc.updateLog.filter((entry) => entry.actionId === actionId && (upTo === null || Date.parse(entry.at) > upTo));
}

function naiveBeforeBoard(doc: PlanDocument): LeadGroup<AttentionItem>[] {
  const groups = new Map<string, AttentionItem[]>();
  for (const action of doc.actions) {
    const reasons = attentionReasons(action, doc, TODAY);
    if (reasons.length === 0) continue;
    const item = { action, reasons, due: nextDueDate(action) };
    for (const lead of action.leads.length > 0 ? action.leads.map((candidate) => candidate.name) : [NO_LEAD]) {
      groups.set(lead, [...(groups.get(lead) ?? []), item]);
    }
  }
  const byDue = (a: AttentionItem, b: AttentionItem) =>
    a.due === b.due ? 0 : a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1;
  return [...groups.entries()]
    .map(([lead, items]) => ({ lead, items: items.sort(byDue) }))
    .sort((a, b) => (a.lead === NO_LEAD ? 1 : b.lead === NO_LEAD ? -1 : a.lead.localeCompare(b.lead, 'en-GB')));
}

function paperInput(doc: PlanDocument): PaperInput {
  const last = doc.papers.at(-1)!;
  return {
    meetingDate: '2027-01-21',
    board: last.board,
    subject: last.subject,
    purpose: last.purpose,
    recommendationsIntro: last.recommendationsIntro,
    recommendations: last.recommendations,
    authors: last.authors,
    sections: {
      matrix: true,
      counts: true,
      completedSinceLast: true,
      overdueAndDueSoon: true,
      measures: true,
      appendix: true,
    },
    listLimit: 15,
    subjectLabel: 'Subject',
    narrative: [],
    extraAppendices: [],
  };
}

/** The plan with its update log behind a proxy that counts how many entries are read. */
function countingLogReads(doc: PlanDocument): { doc: PlanDocument; reads: () => number } {
  let reads = 0;
  const updateLog = new Proxy(doc.updateLog, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { doc: { ...doc, updateLog }, reads: () => reads };
}

describe('generated plans with years of history', () => {
  it('pass the plan schema, with the history each spec asks for', () => {
    for (const spec of [SMALL_HISTORY, TEN_YEARS_AT_150]) {
      const doc = generateHistoryPlan(spec);
      const parsed = planDocumentSchema.safeParse(doc);
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
      expect([
        doc.actions.length,
        doc.updateLog.length,
        doc.papers.length,
        doc.assessments.length,
        doc.reviews.length,
      ]).toEqual([spec.actions, spec.logEntries, spec.papers, spec.assessments, spec.reviews]);
      expect(doc.measures.map((measure) => measure.values.length)).toEqual(
        Array.from({ length: spec.measures }, () => spec.valuesPerMeasure),
      );
      const times = doc.updateLog.map((entry) => Date.parse(entry.at));
      expect(times.every((time, index) => index === 0 || time >= times[index - 1]!)).toBe(true);
      expect(Math.max(...times)).toBeLessThanOrEqual(Date.parse(HISTORY_END));
      expect(Date.parse(HISTORY_END) - Math.min(...times)).toBeGreaterThan((spec.years - 0.1) * 365 * 24 * 3600_000);
    }
    expect(THREE_YEARS_AT_5000).toMatchObject({
      actions: 5000,
      logEntries: 100_000,
      papers: 36,
      assessments: 2000,
      measures: 200,
      valuesPerMeasure: 36,
      reviews: 5000,
    });
  });
});

describe('reviews, "Before the board" and the paper on a plan with history', () => {
  const doc = historyPlan();

  it("find the same unreviewed updates and latest reviews as reading each action's log and reviews on its own", () => {
    const withUpdates = doc.actions.filter((action) => naiveUnreviewed(doc, action.id).length > 0);
    expect(withUpdates.length).toBeGreaterThan(10);
    expect(withUpdates.length).toBeLessThan(doc.actions.length);
    for (const action of doc.actions) {
      expect(unreviewedUpdates(doc, action.id)).toEqual(naiveUnreviewed(doc, action.id));
      expect(latestReview(doc, action.id)).toEqual(naiveLatest(doc, action.id));
    }
    expect(
      doc.reviews.some(
        (review) => review.id.startsWith('tie-') && latestReview(doc, review.actionId)?.id === review.id,
      ),
    ).toBe(true);
  });

  it('give "Before the board" the same groups, in the same order', () => {
    const groups = actionsBeforeBoard(doc, TODAY);
    expect(groups.length).toBeGreaterThan(3);
    expect(groups).toEqual(naiveBeforeBoard(doc));
  });

  it('print in the paper the count of updates since the last paper that no one has reviewed, for each action', () => {
    const since = Date.parse(doc.papers.at(-1)!.producedAt);
    // Every action listed, not the template's first few, to compare them all.
    const everyAction = { ...paperInput(doc), listLimit: doc.actions.length };
    const unreviewed = buildPaperContent(doc, everyAction, TODAY).progress!.unreviewed!;
    const expected = doc.actions
      .map((action) => ({
        id: action.id,
        count: naiveUnreviewed(doc, action.id).filter((entry) => Date.parse(entry.at) > since).length,
      }))
      .filter((item) => item.count > 0);
    expect(expected.length).toBeGreaterThan(5);
    expect(unreviewed.map((item) => [item.actionId, item.count]).sort()).toEqual(
      expected.map((item) => [item.id, item.count]).sort(),
    );
  });
});

describe('the counts of unreviewed updates since a paper, on a plan with history', () => {
  const doc = historyPlan();
  const issued = doc.papers.filter((paper) => paper.issuedAt !== null);

  it("are each action's unreviewed updates logged after the moment, as reading its log on its own finds them", () => {
    // The same instant written with an offset must count the same as the app's own UTC form.
    const offset = (time: string) => new Date(Date.parse(time) + 3600_000).toISOString().replace('Z', '+01:00');
    const moments = [issued[1]!.issuedAt!, offset(issued.at(-2)!.issuedAt!), doc.papers.at(-1)!.producedAt];
    for (const since of moments) {
      const expected = new Map(
        doc.actions
          .map(
            (action) =>
              [
                action.id,
                naiveUnreviewed(doc, action.id).filter((entry) => Date.parse(entry.at) > Date.parse(since)).length,
              ] as const,
          )
          .filter(([, count]) => count > 0),
      );
      expect(expected.size).toBeGreaterThan(5);
      expect(new Map(unreviewedCountsSince(doc, since))).toEqual(expected);
    }
    const everything = new Map(
      doc.actions
        .map((action) => [action.id, naiveUnreviewed(doc, action.id).length] as const)
        .filter(([, count]) => count > 0),
    );
    expect(new Map(unreviewedCountsSince(doc, null))).toEqual(everything);
  });

  it('are counted once for each moment, and again for a new log', () => {
    const since = issued.at(-1)!.issuedAt!;
    expect(unreviewedCountsSince(doc, since)).toBe(unreviewedCountsSince(doc, since));
    const action = doc.actions[0]!;
    const entry: UpdateLogEntry = { ...doc.updateLog.at(-1)!, id: 'later', actionId: action.id, at: HISTORY_END };
    const edited = { ...doc, updateLog: [...doc.updateLog, entry] };
    expect(unreviewedCountsSince(edited, since).get(action.id)).toBe(
      (unreviewedCountsSince(doc, since).get(action.id) ?? 0) + 1,
    );
  });
});

describe('work done on a plan with history', () => {
  it('writes out only the actions the front-page lists name, and counts the rest', () => {
    const plan = historyPlan();
    let described = 0;
    const actions = plan.actions.map(
      (action) =>
        new Proxy(action, {
          get(target, key, receiver) {
            if (key === 'description') described += 1;
            return Reflect.get(target, key, receiver) as unknown;
          },
        }),
    );
    const doc = { ...plan, actions };
    const input = { ...paperInput(doc), sections: { ...paperInput(doc).sections, appendix: false } };
    const all = paperFigures(plan, TODAY, { ...input, listLimit: plan.actions.length }).progress!;
    const limit = 2;
    described = 0;
    const short = paperFigures(doc, TODAY, { ...input, listLimit: limit }).progress!;
    // Four lists of at most two actions each.
    expect(described).toBeLessThanOrEqual(4 * limit);
    for (const list of ['completedSinceLast', 'overdue', 'dueBeforeMeeting', 'unreviewed'] as const) {
      expect(all[list]!.length).toBeGreaterThan(limit);
      expect(short[list]).toEqual(all[list]!.slice(0, limit));
      expect(short.notListed[list]).toBe(all[list]!.length - limit);
    }
  });

  it("reads the update log once for a paper and for every action's unreviewed updates, not once per action", () => {
    const { doc, reads } = countingLogReads(historyPlan());
    buildPaperContent(doc, paperInput(doc), TODAY);
    for (const action of doc.actions) unreviewedUpdates(doc, action.id);
    for (const action of doc.actions) latestReview(doc, action.id);
    expect(reads()).toBe(doc.updateLog.length);
  });

  it('reads it again after an edit, which makes a new log, and answers from the new one', () => {
    const plan = historyPlan();
    const { doc, reads } = countingLogReads(plan);
    const action = doc.actions[0]!;
    const before = unreviewedUpdates(doc, action.id).length;
    const entry: UpdateLogEntry = { ...plan.updateLog.at(-1)!, id: 'new-entry', actionId: action.id, at: HISTORY_END };
    const edited = countingLogReads({ ...plan, updateLog: [...plan.updateLog, entry] });
    expect(unreviewedUpdates(edited.doc, action.id)).toHaveLength(before + 1);
    expect(unreviewedUpdates(doc, action.id)).toHaveLength(before);
    expect(reads()).toBe(doc.updateLog.length);
    expect(edited.reads()).toBe(plan.updateLog.length + 1);
  });

  it("works out the plan's part of a paper once for all the words typed on its front page", () => {
    const plan = historyPlan();
    let actionReads = 0;
    const actions = new Proxy(plan.actions, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) actionReads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const doc = { ...plan, actions };
    const first = paperInput(doc);
    const figures = paperFigures(doc, TODAY, first);
    const afterFigures = actionReads;
    const typed = ['E', 'Ea', 'Early help and prevention'].map((subject) =>
      buildPaperContent(doc, { ...first, subject }, TODAY, figures),
    );
    expect(actionReads).toBe(afterFigures);
    expect(typed.at(-1)).toEqual(buildPaperContent(plan, { ...first, subject: 'Early help and prevention' }, TODAY));
    // Only the section number is the paper's own; the figures underneath are the ones worked out once.
    expect(typed[0]!.progress?.matrix).toBe(figures.progress?.matrix);
    expect(figures.appendix?.groups).toBeDefined();
    expect(typed[0]!.appendix?.groups).toBe(figures.appendix?.groups);
  });
});
