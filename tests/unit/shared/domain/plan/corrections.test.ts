import { planAfter } from '../../../../support/planAfter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { createHandlers } from '../../../../../electron/core/handlers';
import { PlanStore } from '../../../../../electron/core/planStore';
import { PreferencesStore } from '../../../../../electron/core/preferencesStore';
import { decodePlanFile } from '../../../../../electron/core/planFileCodec';
import type { ApiResult } from '../../../../../shared/api/contract';
import { assessmentHistory, currentLevels } from '../../../../../shared/domain/derived';
import { DomainError } from '../../../../../shared/domain/errors';
import { latestValue, trendOf } from '../../../../../shared/domain/measures';
import {
  addMeasureValue,
  correctAssessment,
  correctMeasureValue,
  saveMeasure,
  withdrawAssessment,
  withdrawMeasureValue,
} from '../../../../../shared/domain/planRecords';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { counterIds, fixedContext, makeDocument, makeTempDir, removeDir } from '../../../../support/fixtures';

const LATER = '2016-06-20T09:00:00.000Z';

function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

/** makeDocument's service delivery is at level 3 (assessment-2, 1 Apr 2016), after level 2 (assessment-1). */
const correction = {
  assessmentId: 'assessment-2',
  level: 2,
  date: '2016-04-01',
  evidence: 'Phase 2 has started, but not ahead of schedule',
  assessedBy: 'Board',
  reason: 'The April minutes record level 2, not 3',
} as const;

describe('correcting an assessment', () => {
  it('adds the corrected record, keeps the earlier one marked with who, when and why, and changes the current level', () => {
    const doc = correctAssessment(
      makeDocument(),
      correction,
      fixedContext({ now: LATER, by: 'Owen Castell', idPrefix: 'fix' }),
    );
    expect(planDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.assessments.find((a) => a.id === 'assessment-2')).toMatchObject({
      level: 3,
      evidence: 'Phase 2 started ahead of schedule',
      supersededBy: { id: 'fix-1', at: LATER, by: 'Owen Castell', reason: 'The April minutes record level 2, not 3' },
    });
    expect(doc.assessments.find((a) => a.id === 'fix-1')).toEqual({
      id: 'fix-1',
      areaId: 'service-delivery',
      level: 2,
      date: '2016-04-01',
      evidence: 'Phase 2 has started, but not ahead of schedule',
      assessedBy: 'Board',
      recordedAt: LATER,
      corrects: 'assessment-2',
    });
    expect(currentLevels(doc)['service-delivery']).toMatchObject({ id: 'fix-1', level: 2 });
    expect(assessmentHistory(doc, 'service-delivery').map((a) => a.id)).toEqual(['assessment-1', 'fix-1']);
    expect(assessmentHistory(doc, 'service-delivery', { withReplaced: true }).map((a) => a.id)).toEqual([
      'assessment-1',
      'assessment-2',
      'fix-1',
    ]);
  });

  it('needs a reason, and a change', () => {
    expect(() => correctAssessment(makeDocument(), { ...correction, reason: '  ' }, fixedContext())).toThrow(
      /must not be empty/,
    );
    const same = domainErrorOf(() =>
      correctAssessment(
        makeDocument(),
        { ...correction, level: 3, evidence: 'Phase 2 started ahead of schedule' },
        fixedContext(),
      ),
    );
    expect(same.message).toBe(
      'The correction is the same as the assessment: change the level, date, evidence or who assessed it.',
    );
  });

  it('refuses to correct a record already corrected, pointing to its replacement', () => {
    const doc = correctAssessment(makeDocument(), correction, fixedContext({ by: 'Owen Castell', idPrefix: 'fix' }));
    const error = domainErrorOf(() => correctAssessment(doc, { ...correction, level: 4 }, fixedContext()));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      'This assessment was already corrected by Owen Castell on 15th June 2016; correct the assessment that replaced it instead.',
    );
  });
});

describe('withdrawing an assessment', () => {
  it('keeps the record, marked, and the level falls back to the assessment before it', () => {
    const doc = withdrawAssessment(
      makeDocument(),
      { assessmentId: 'assessment-2', reason: 'Recorded against the wrong area' },
      fixedContext({ now: LATER, by: 'Nadia Pemberton' }),
    );
    expect(doc.assessments).toHaveLength(3);
    expect(doc.assessments.find((a) => a.id === 'assessment-2')!.withdrawn).toEqual({
      at: LATER,
      by: 'Nadia Pemberton',
      reason: 'Recorded against the wrong area',
    });
    expect(currentLevels(doc)['service-delivery']).toMatchObject({ id: 'assessment-1', level: 2 });
    // The only governance assessment withdrawn: the area is no longer assessed at all.
    const none = withdrawAssessment(
      doc,
      { assessmentId: 'assessment-3', reason: 'Draft, never agreed' },
      fixedContext(),
    );
    expect(currentLevels(none).governance).toBeNull();
    expect(
      domainErrorOf(() => withdrawAssessment(none, { assessmentId: 'assessment-3', reason: 'again' }, fixedContext()))
        .code,
    ).toBe('conflict');
  });
});

function withFigures(): PlanDocument {
  const ctx = fixedContext({ idPrefix: 'v' });
  let doc = saveMeasure(
    makeDocument(),
    { name: '% contacts to social care', direction: 'minimise', unit: 'percent', target: 15 },
    fixedContext({ idPrefix: 'm' }),
  );
  doc = addMeasureValue(doc, { measureId: 'm-1', date: '2016-03-31', value: 21 }, ctx);
  doc = addMeasureValue(doc, { measureId: 'm-1', date: '2016-06-30', value: 19 }, ctx);
  return doc;
}

describe('correcting and withdrawing a measure figure', () => {
  it('a correction keeps the earlier figure and changes the latest figure and the trend', () => {
    const before = withFigures();
    expect(trendOf(before.measures[0]!)).toBe('improving');
    const doc = correctMeasureValue(
      before,
      {
        measureId: 'm-1',
        valueId: 'v-2',
        date: '2016-06-30',
        value: 23,
        note: 'Re-run after the duplicate contacts were removed',
        reason: 'The first run counted duplicates',
      },
      fixedContext({ now: LATER, by: 'Owen Castell', idPrefix: 'fix' }),
    );
    const measure = doc.measures[0]!;
    expect(
      measure.values.map((point) => [point.id, point.value, point.supersededBy?.id ?? null, point.corrects ?? null]),
    ).toEqual([
      ['v-1', 21, null, null],
      ['v-2', 19, 'fix-1', null],
      ['fix-1', 23, null, 'v-2'],
    ]);
    expect(measure.values[1]!.supersededBy).toMatchObject({
      by: 'Owen Castell',
      at: LATER,
      reason: 'The first run counted duplicates',
    });
    expect(latestValue(measure)).toMatchObject({ id: 'fix-1', value: 23 });
    expect(trendOf(measure)).toBe('worsening');
    expect(planDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it('a correction may not move a figure onto a date that already has one', () => {
    const error = domainErrorOf(() =>
      correctMeasureValue(
        withFigures(),
        { measureId: 'm-1', valueId: 'v-2', date: '2016-03-31', value: 19, reason: 'Wrong date' },
        fixedContext(),
      ),
    );
    expect(error.code).toBe('conflict');
    expect(error.field).toBe('date');
  });

  it('a withdrawal keeps the figure, marked, and the trend is read from the figures still in force', () => {
    const doc = withdrawMeasureValue(
      withFigures(),
      { measureId: 'm-1', valueId: 'v-2', reason: 'Not yet validated' },
      fixedContext({ by: 'Owen Castell' }),
    );
    const measure = doc.measures[0]!;
    expect(measure.values).toHaveLength(2);
    expect(measure.values[1]!.withdrawn).toMatchObject({ by: 'Owen Castell', reason: 'Not yet validated' });
    expect(latestValue(measure)).toMatchObject({ id: 'v-1', value: 21 });
    expect(trendOf(measure)).toBe('no_data');
    // Once withdrawn, the date is free for a new figure.
    const again = addMeasureValue(
      doc,
      { measureId: 'm-1', date: '2016-06-30', value: 20 },
      fixedContext({ idPrefix: 'new' }),
    );
    expect(latestValue(again.measures[0]!)).toMatchObject({ id: 'new-1', value: 20 });
  });
});

describe('undo and redo of corrections through the handlers', () => {
  let dir: string;
  let path: string;
  let handlers: ReturnType<typeof createHandlers>;
  let store: PlanStore;

  beforeEach(async () => {
    dir = await makeTempDir('apt-corrections-');
    path = join(dir, 'plan.json');
    store = await PlanStore.open(path, makeDocument);
    const preferences = new PreferencesStore(join(dir, 'preferences.json'));
    handlers = createHandlers({
      store,
      demoDocument: makeDocument,
      user: 'Test User',
      clock: () => new Date(LATER),
      newId: counterIds(),
      preferences,
      templatesDir: resolve('templates/board-papers'),
    });
  });

  afterEach(async () => {
    await handlers.close();
    await removeDir(dir);
  });

  function valueOf<T>(result: ApiResult<T>): T {
    if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
    return result.value;
  }
  const onDisk = async () => {
    await store.settled();
    return decodePlanFile(path, await readFile(path, 'utf8'));
  };
  const level = (doc: PlanDocument) => currentLevels(doc)['service-delivery']?.level;

  it('undoes a correction (the level and the history as before), redoes it, and undoes it again', async () => {
    const original = makeDocument().assessments;
    const corrected = await planAfter(handlers, handlers.correctAssessment({ correction }));
    expect(level(corrected)).toBe(2);
    expect(valueOf(await handlers.getHistory({}))).toEqual({ canUndo: true, canRedo: false });

    const undone = await planAfter(handlers, handlers.undo({}));
    expect(undone.assessments).toEqual(original);
    expect((await onDisk()).assessments).toEqual(original);
    expect(level(undone)).toBe(3);

    const redone = await planAfter(handlers, handlers.redo({}));
    expect(redone.assessments).toEqual(corrected.assessments);
    expect(level(await onDisk())).toBe(2);

    expect((await planAfter(handlers, handlers.undo({}))).assessments).toEqual(original);
  });

  it('undoes a withdrawal of an assessment', async () => {
    const withdrawn = await planAfter(
      handlers,
      handlers.withdrawAssessment({ withdrawal: { assessmentId: 'assessment-2', reason: 'Wrong area' } }),
    );
    expect(level(withdrawn)).toBe(2);
    const undone = await planAfter(handlers, handlers.undo({}));
    expect(undone.assessments).toEqual(makeDocument().assessments);
    expect(level(undone)).toBe(3);
  });

  it('undoes a correction and a withdrawal of measure figures, newest first', async () => {
    const measureId = (
      await planAfter(
        handlers,
        handlers.saveMeasure({ measure: { name: 'Contacts', direction: 'minimise', unit: 'count' } }),
      )
    ).measures[0]!.id;
    const added = await planAfter(
      handlers,
      handlers.addMeasureValue({ point: { measureId, date: '2016-03-31', value: 21 } }),
    );
    const valueId = added.measures[0]!.values[0]!.id;
    const corrected = await planAfter(
      handlers,
      handlers.correctMeasureValue({
        correction: { measureId, valueId, date: '2016-03-31', value: 24, reason: 'Typo' },
      }),
    );
    const replacement = corrected.measures[0]!.values.find((point) => point.corrects === valueId)!;
    await planAfter(
      handlers,
      handlers.withdrawMeasureValue({
        withdrawal: { measureId, valueId: replacement.id, reason: 'Not validated' },
      }),
    );
    expect(latestValue((await onDisk()).measures[0]!)).toBeNull();

    expect((await planAfter(handlers, handlers.undo({}))).measures).toEqual(corrected.measures);
    expect((await planAfter(handlers, handlers.undo({}))).measures).toEqual(added.measures);
    expect(latestValue((await onDisk()).measures[0]!)).toMatchObject({ value: 21 });
  });

  it('undoes and redoes an edit to a level descriptor', async () => {
    const edited = await planAfter(
      handlers,
      handlers.setDescriptor({ change: { areaId: 'governance', level: 2, text: 'A board is in place' } }),
    );
    expect(edited.matrix.areas.find((area) => area.id === 'governance')!.descriptors[1]).toBe('A board is in place');
    expect((await planAfter(handlers, handlers.undo({}))).matrix).toEqual(makeDocument().matrix);
    expect((await onDisk()).matrix).toEqual(makeDocument().matrix);
    expect((await planAfter(handlers, handlers.redo({}))).matrix).toEqual(edited.matrix);
  });

  it('refuses to undo a correction when the assessments have changed since by other means, leaving the file as it is', async () => {
    await planAfter(handlers, handlers.correctAssessment({ correction }));
    await store.update((doc) =>
      withdrawAssessment(doc, { assessmentId: 'assessment-3', reason: 'Draft' }, fixedContext()),
    );
    await store.settled();
    const before = await readFile(path, 'utf8');
    const result = await handlers.undo({});
    expect(result.ok ? null : result.error).toMatchObject({
      code: 'conflict',
      message: 'The matrix or the measures have changed since; that change can no longer be undone.',
    });
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(valueOf(await handlers.getHistory({}))).toEqual({ canUndo: false, canRedo: false });
  });
});
