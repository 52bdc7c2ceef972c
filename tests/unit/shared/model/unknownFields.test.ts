import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../../../electron/core/handlers';
import { PlanStore } from '../../../../electron/core/planStore';
import { PreferencesStore } from '../../../../electron/core/preferencesStore';
import type { ApiResult } from '../../../../shared/api/contract';
import { stepDrafts } from '../../../../shared/domain/operations';
import { counterIds, makeDocument, makeTempDir, removeDir } from '../../../support/fixtures';
import { written } from '../../../support/written';

/**
 * A plan another program (or a newer version that forgot to bump the data version) wrote: a field this
 * version does not know at every depth of the file.
 */
function fileWithUnknownFields() {
  const doc = makeDocument() as any;
  doc.riskRegister = [{ id: 'r1', text: 'Funding ends' }];
  doc.plan.sponsor = 'Director of Children’s Services';
  doc.matrix.colour = 'teal';
  doc.matrix.areas[0].owner = 'Board';
  doc.matrix.levels[1].short = 'EP';
  doc.assessments[0].moderatedBy = 'Peer review';
  doc.people[0].email = 'nadia@example.org';
  const action = doc.actions[0];
  action.riskRating = 'amber';
  action.timescale.confidence = 'high';
  action.leads[0].phone = '01234 567890';
  action.nextSteps[0].budgetCode = 'EH-17';
  action.nextSteps[0].timescale.source = 'board minutes';
  action.nextSteps[0].leads[0].deputy = 'Bryony Marsh';
  action.nextSteps[1].costCentre = 'CC-9';
  doc.measures = [
    {
      id: 'measure-1',
      name: 'Contacts to social care',
      description: '',
      direction: 'minimise',
      unit: 'count',
      target: 100,
      baseline: { date: '2015-04-01', value: 140, source: 'Annual return' },
      values: [{ id: 'value-1', date: '2016-01-01', value: 120, note: '', verified: true }],
      areaIds: [],
      actionIds: ['action-1'],
      dataOwner: 'Performance team',
    },
  ];
  doc.reviews = [
    {
      id: 'review-1',
      actionId: 'action-1',
      at: '2016-06-01T10:00:00.000Z',
      upTo: '2016-06-01T10:00:00.000Z',
      by: 'Manager',
      outcome: 'reviewed',
      comment: '',
      signedOff: true,
    },
  ];
  doc.papers = [];
  doc.updateLog = [
    {
      id: 'log-1',
      actionId: 'action-1',
      actionNumber: '1',
      at: '2016-06-01T09:00:00.000Z',
      by: 'Someone',
      field: 'status',
      old: '"not_started"',
      new: '"on_track"',
      device: 'tablet',
    },
  ];
  return doc;
}

let dir: string;
let path: string;
let handlers: ReturnType<typeof createHandlers>;

beforeEach(async () => {
  dir = await makeTempDir('apt-unknown-');
  path = join(dir, 'plan.json');
  await writeFile(path, JSON.stringify(fileWithUnknownFields()));
  const store = await PlanStore.open(path, makeDocument);
  const preferences = new PreferencesStore(join(dir, 'preferences.json'));
  handlers = createHandlers({
    store,
    demoDocument: makeDocument,
    user: 'Test User',
    clock: () => new Date('2016-06-15T12:00:00.000Z'),
    newId: counterIds(),
    preferences,
    templatesDir: resolve('templates/board-papers'),
  });
});

afterEach(async () => {
  await handlers.close();
  await removeDir(dir);
});

async function ok<T>(result: Promise<ApiResult<T>>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

async function onDisk(): Promise<any> {
  await written(handlers);
  return JSON.parse(await readFile(path, 'utf8'));
}

describe('fields this version does not know', () => {
  it('are kept, at every depth, through edits to the very records that hold them', async () => {
    const state = await ok(handlers.getState({}));
    expect(state.store.kind).toBe('ready');
    const action = state.document!.actions[0]!;

    await ok(handlers.updateAction({ id: 'action-1', changes: { status: 'at_risk', timescaleText: 'July 2016' } }));
    await ok(
      handlers.updateAction({
        id: 'action-1',
        changes: { leads: [{ name: 'Nadia Pemberton', personId: 'person-1' }] },
      }),
    );
    const steps = stepDrafts(action).map((step, index) =>
      index === 0 ? { ...step, text: 'Evidence agreed', timescaleText: 'August 16' } : step,
    );
    await ok(handlers.updateAction({ id: 'action-1', changes: { nextSteps: steps } }));
    await ok(handlers.setStepsDone({ steps: [{ actionId: 'action-1', stepId: 'step-2' }], done: true }));
    await ok(
      handlers.savePerson({
        person: { id: 'person-1', name: 'Nadia Pemberton', role: 'Head of Service', organisation: 'City Council' },
      }),
    );
    await ok(handlers.updatePlanInfo({ changes: { title: 'Renamed plan' } }));
    await ok(
      handlers.saveMeasure({
        measure: {
          id: 'measure-1',
          name: 'Contacts to social care (all)',
          direction: 'minimise',
          unit: 'count',
          baseline: { date: '2015-04-01', value: 141 },
          actionIds: ['action-1'],
        },
      }),
    );
    await ok(
      handlers.correctMeasureValue({
        correction: {
          measureId: 'measure-1',
          valueId: 'value-1',
          date: '2016-01-01',
          value: 118,
          reason: 'Late returns added',
        },
      }),
    );
    await ok(
      handlers.recordAssessment({
        assessment: { areaId: 'governance', level: 2, date: '2016-06-01', assessedBy: 'Board' },
      }),
    );

    const saved = await onDisk();
    // The edits themselves were saved ...
    expect(saved.plan.title).toBe('Renamed plan');
    expect(saved.actions[0].status).toBe('at_risk');
    expect(saved.actions[0].nextSteps[0].text).toBe('Evidence agreed');
    expect(saved.actions[0].nextSteps[1].done).toBe(true);
    expect(saved.people[0].role).toBe('Head of Service');
    expect(saved.measures[0].values.map((point: { value: number }) => point.value)).toEqual([120, 118]);
    expect(saved.measures[0].values[0].supersededBy.id).toBe(saved.measures[0].values[1].id);
    // ... and every field this version does not know is still there, unchanged.
    expect(saved.riskRegister).toEqual([{ id: 'r1', text: 'Funding ends' }]);
    expect(saved.plan.sponsor).toBe('Director of Children’s Services');
    expect(saved.matrix.colour).toBe('teal');
    expect(saved.matrix.areas[0].owner).toBe('Board');
    expect(saved.matrix.levels[1].short).toBe('EP');
    expect(saved.assessments[0].moderatedBy).toBe('Peer review');
    expect(saved.people[0].email).toBe('nadia@example.org');
    expect(saved.actions[0].riskRating).toBe('amber');
    expect(saved.actions[0].timescale).toEqual({ text: 'July 2016', due: '2016-07-31', confidence: 'high' });
    expect(saved.actions[0].leads[0].phone).toBe('01234 567890');
    expect(saved.actions[0].nextSteps[0]).toMatchObject({
      budgetCode: 'EH-17',
      timescale: { text: 'August 16', source: 'board minutes' },
    });
    expect(saved.actions[0].nextSteps[0].leads[0].deputy).toBe('Bryony Marsh');
    expect(saved.actions[0].nextSteps[1].costCentre).toBe('CC-9');
    expect(saved.measures[0]).toMatchObject({ name: 'Contacts to social care (all)', dataOwner: 'Performance team' });
    expect(saved.measures[0].baseline).toEqual({ date: '2015-04-01', value: 141, source: 'Annual return' });
    expect(saved.measures[0].values[0].verified).toBe(true);
    expect(saved.reviews[0].signedOff).toBe(true);
    expect(saved.updateLog[0].device).toBe('tablet');
  });

  it('do not make an unchanged record look changed: saving the editor as it was logs nothing', async () => {
    const action = (await ok(handlers.getState({}))).document!.actions[0]!;
    const before = (await onDisk()).updateLog.length;
    await ok(
      handlers.updateAction({
        id: 'action-1',
        changes: {
          leads: action.leads.map(({ name, personId }) => ({ name, personId })),
          timescaleText: action.timescale.text,
          nextSteps: stepDrafts(action),
        },
      }),
    );
    expect((await onDisk()).updateLog).toHaveLength(before);
  });

  it('come back with an undo of the edit that touched their record', async () => {
    const action = (await ok(handlers.getState({}))).document!.actions[0]!;
    await ok(handlers.updateAction({ id: 'action-1', changes: { nextSteps: stepDrafts(action).slice(1) } }));
    expect((await onDisk()).actions[0].nextSteps).toHaveLength(1);
    await ok(handlers.undo({}));
    expect((await onDisk()).actions[0].nextSteps[0].budgetCode).toBe('EH-17');
  });

  it('reach the page with the plan, so nothing in between drops them', async () => {
    const state = await ok(handlers.getState({}));
    expect((state.document as any).riskRegister).toHaveLength(1);
    expect((state.document!.actions[0] as any).riskRating).toBe('amber');
  });
});
