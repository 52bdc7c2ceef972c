import { describe, expect, it } from 'vitest';
import type { AppState, PlanHistoryAnswer } from '../../../../shared/api/contract';
import { diffPlan } from '../../../../shared/domain/delta';
import type { PlanDelta } from '../../../../shared/domain/delta';
import { updateAction } from '../../../../shared/domain/operations';
import type { PlanDocument } from '../../../../shared/model/plan';
import { splitPlan } from '../../../../shared/model/planParts';
import { fromWorkingState, isHistoryLoaded, mergeHistory, withDelta } from '../../../../renderer/src/state/historyLoad';
import { fixedContext, makeDocument } from '../../../support/fixtures';

const STORE = { kind: 'ready', path: '/tmp/plan.json', backupPath: null, createdFromDemo: false } as const;

/** The plan at revision 5 with two log entries already: the history a page loads. */
function planAt5(): PlanDocument {
  const doc = makeDocument();
  const first = doc.actions[0]!.id;
  const once = updateAction(doc, first, { status: 'at_risk' }, fixedContext({ idPrefix: 'a' })).doc;
  return updateAction(once, first, { progressLevel: 2 }, fixedContext({ idPrefix: 'b' })).doc;
}

/** One edit on the server: the plan after it and the delta the page is answered with. */
function edit(before: PlanDocument, from: number, status: 'complete' | 'on_track', prefix: string) {
  const after = updateAction(before, before.actions[1]!.id, { status }, fixedContext({ idPrefix: prefix })).doc;
  return { after, delta: diffPlan(before, after, from, from + 1) };
}

/** The page's state after the first answer: the working set of `doc` at `revision`. */
function workingAt(doc: PlanDocument, revision: number): AppState {
  return fromWorkingState({
    store: STORE,
    document: splitPlan(doc).workingSet,
    revision,
    today: '2016-06-15',
    user: 'Ann',
    historyRevision: null,
  });
}

function historyAt(doc: PlanDocument, revision: number): PlanHistoryAnswer {
  return { revision, history: splitPlan(doc).history };
}

function fullAt(doc: PlanDocument, revision: number): AppState {
  return { store: STORE, document: doc, revision, today: '2016-06-15', user: 'Ann', historyRevision: revision };
}

function applied(state: AppState, delta: PlanDelta): AppState {
  if (!state.document) throw new Error('no plan');
  return withDelta({ ...state, document: state.document }, delta);
}

function logIds(state: AppState | null): string[] {
  return (state?.document?.updateLog ?? []).map((entry) => entry.id);
}

describe('the working set first', () => {
  it('shows the plan with its history lists empty and says the history is not loaded', () => {
    const doc = planAt5();
    const state = workingAt(doc, 5);
    expect(isHistoryLoaded(state)).toBe(false);
    expect(state.document?.actions).toEqual(doc.actions);
    expect(state.document?.updateLog).toEqual([]);
    expect(state.document?.papers).toEqual([]);
  });
});

describe('merging the history with edits made while it was on its way', () => {
  it('merges a history read at the revision the page shows as it is', () => {
    const doc = planAt5();
    const merged = mergeHistory(workingAt(doc, 5), historyAt(doc, 5), []);
    expect(merged?.document).toEqual(doc);
    expect(merged && isHistoryLoaded(merged)).toBe(true);
  });

  it('adds to a history read before the edit the log entries the edit made, once', () => {
    const doc = planAt5();
    const { after, delta } = edit(doc, 5, 'complete', 'c');
    const page = applied(workingAt(doc, 5), delta);
    expect(page.revision).toBe(6);
    const merged = mergeHistory(page, historyAt(doc, 5), [delta]);
    expect(merged?.document).toEqual(after);
  });

  it('does not add again the entries of an edit the history already holds', () => {
    const doc = planAt5();
    const { after, delta } = edit(doc, 5, 'complete', 'c');
    const page = applied(workingAt(doc, 5), delta);
    const merged = mergeHistory(page, historyAt(after, 6), [delta]);
    expect(logIds(merged)).toEqual(after.updateLog.map((entry) => entry.id));
    expect(merged?.document).toEqual(after);
  });

  it('applies an edit answered after the history merged once, whether the history held it or not', () => {
    const doc = planAt5();
    const { after, delta } = edit(doc, 5, 'complete', 'c');
    // The history was read after the edit was saved but reached the page before the edit's answer.
    const held = mergeHistory(workingAt(doc, 5), historyAt(after, 6), []);
    expect(applied(held!, delta).document).toEqual(after);
    // The history was read before the edit was saved and reached the page before the edit's answer.
    const missing = mergeHistory(workingAt(doc, 5), historyAt(doc, 5), []);
    expect(applied(missing!, delta).document).toEqual(after);
  });

  it('keeps two edits made while loading, each once, when the history holds the first only', () => {
    const doc = planAt5();
    const first = edit(doc, 5, 'complete', 'c');
    const second = edit(first.after, 6, 'on_track', 'd');
    const page = applied(applied(workingAt(doc, 5), first.delta), second.delta);
    const merged = mergeHistory(page, historyAt(first.after, 6), [first.delta, second.delta]);
    expect(merged?.document).toEqual(second.after);
    expect(new Set(logIds(merged)).size).toBe(logIds(merged).length);
  });

  it('keeps a whole plan read meanwhile and does not apply the late history over it', () => {
    const doc = planAt5();
    const { after, delta } = edit(doc, 5, 'complete', 'c');
    const whole = fullAt(after, 6);
    expect(mergeHistory(whole, historyAt(doc, 5), [delta])).toBe(whole);
  });

  it('says it cannot merge when no plan is open on one side, so the page reads the whole plan', () => {
    const doc = planAt5();
    expect(mergeHistory(workingAt(doc, 5), { revision: 5, history: null }, [])).toBeNull();
  });
});

describe('an edit answered after a whole plan that already holds it', () => {
  it('is not applied a second time', () => {
    const doc = planAt5();
    const { after, delta } = edit(doc, 5, 'complete', 'c');
    const page = applied(fullAt(after, 6), delta);
    expect(page.document).toEqual(after);
    expect(page.revision).toBe(6);
  });

  it('is applied to a whole plan read before it', () => {
    const doc = planAt5();
    const { after, delta } = edit(doc, 5, 'complete', 'c');
    const page = applied(fullAt(doc, 5), delta);
    expect(page.document).toEqual(after);
    expect(page.revision).toBe(6);
    expect(page.historyRevision).toBe(6);
  });
});
