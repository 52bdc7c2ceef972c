import { describe, expect, it } from 'vitest';
import type { AppState, PlanActionsAnswer, PlanHistoryAnswer } from '../../../../shared/api/contract';
import { diffPlan } from '../../../../shared/domain/delta';
import type { PlanDelta } from '../../../../shared/domain/delta';
import { updateAction } from '../../../../shared/domain/operations';
import type { PlanDocument } from '../../../../shared/model/plan';
import { splitPlan } from '../../../../shared/model/planParts';
import { firstActions } from '../../../../shared/domain/firstActions';
import {
  fromWorkingState,
  isActionsLoaded,
  isHistoryLoaded,
  mergeActions,
  mergeHistory,
  withDelta,
} from '../../../../renderer/src/state/historyLoad';
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

/** The page's state after the first answer: the working set of `doc` at `revision`, with its first `count` actions. */
function firstAt(doc: PlanDocument, revision: number, count: number): AppState {
  const { workingSet } = splitPlan(doc);
  return fromWorkingState({
    store: STORE,
    document: { ...workingSet, actions: firstActions(doc, count) },
    revision,
    today: '2016-06-15',
    user: 'Ann',
    historyRevision: null,
    actionsRevision: null,
  });
}

function actionsAt(doc: PlanDocument, revision: number): PlanActionsAnswer {
  return { revision, actions: doc.actions };
}

/** The page's state once all the actions of `doc` at `revision` are in: the working set, then the rest. */
function workingAt(doc: PlanDocument, revision: number): AppState {
  const all = mergeActions(firstAt(doc, revision, 1), actionsAt(doc, revision), []);
  if (!all) throw new Error('the actions did not merge');
  return all;
}

function historyAt(doc: PlanDocument, revision: number): PlanHistoryAnswer {
  return { revision, history: splitPlan(doc).history };
}

function fullAt(doc: PlanDocument, revision: number): AppState {
  return {
    store: STORE,
    document: doc,
    revision,
    today: '2016-06-15',
    user: 'Ann',
    historyRevision: revision,
    actionsRevision: revision,
  };
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

describe('the first actions, then the rest', () => {
  it('holds only the first actions in the order the table shows them, and says the rest are not loaded', () => {
    const doc = planAt5();
    const state = firstAt(doc, 5, 2);
    expect(isActionsLoaded(state)).toBe(false);
    expect(state.document?.actions).toEqual(firstActions(doc, 2));
    expect(state.document?.actions.length).toBeLessThan(doc.actions.length);
  });

  it('merges all the actions read at the revision the page shows as they are', () => {
    const doc = planAt5();
    const merged = mergeActions(firstAt(doc, 5, 1), actionsAt(doc, 5), []);
    expect(merged?.document?.actions).toEqual(doc.actions);
    expect(merged && isActionsLoaded(merged)).toBe(true);
    expect(merged && isHistoryLoaded(merged)).toBe(false);
  });

  it('keeps an edit to an action beyond the first ones, made before the rest arrived, once and in its place', () => {
    const doc = planAt5();
    const { after, delta } = edit(doc, 5, 'complete', 'c');
    const page = applied(firstAt(doc, 5, 1), delta);
    expect(page.revision).toBe(6);
    // The rest was read before the edit was saved.
    expect(mergeActions(page, actionsAt(doc, 5), [delta])?.document?.actions).toEqual(after.actions);
    // The rest was read after the edit was saved: it already holds it.
    expect(mergeActions(page, actionsAt(after, 6), [delta])?.document?.actions).toEqual(after.actions);
  });

  it('applies an edit answered after the rest merged once, whether the rest held it or not', () => {
    const doc = planAt5();
    const { after, delta } = edit(doc, 5, 'complete', 'c');
    const held = mergeActions(firstAt(doc, 5, 1), actionsAt(after, 6), []);
    expect(applied(held!, delta).document?.actions).toEqual(after.actions);
    const missing = mergeActions(firstAt(doc, 5, 1), actionsAt(doc, 5), []);
    expect(applied(missing!, delta).document?.actions).toEqual(after.actions);
  });

  it('keeps an action created before the rest arrived once, after the others', () => {
    const doc = planAt5();
    const created = { ...doc.actions[1]!, id: 'a-new', number: '99' };
    const after = { ...doc, actions: [...doc.actions, created] };
    const delta = diffPlan(doc, after, 5, 6);
    const page = applied(firstAt(doc, 5, 1), delta);
    expect(mergeActions(page, actionsAt(doc, 5), [delta])?.document?.actions).toEqual(after.actions);
    expect(mergeActions(page, actionsAt(after, 6), [delta])?.document?.actions).toEqual(after.actions);
  });

  it('keeps a whole plan read meanwhile, and says it cannot merge when no plan is open', () => {
    const doc = planAt5();
    const whole = fullAt(doc, 5);
    expect(mergeActions(whole, actionsAt(doc, 4), [])).toBe(whole);
    expect(mergeActions(firstAt(doc, 5, 1), { revision: 5, actions: null }, [])).toBeNull();
  });
});
