import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../../../../electron/core/handlers';
import type { Handlers } from '../../../../../electron/core/handlers';
import { PlanStore } from '../../../../../electron/core/planStore';
import { PreferencesStore } from '../../../../../electron/core/preferencesStore';
import { decodePlanFile } from '../../../../../electron/core/planFileCodec';
import type { ApiResult } from '../../../../../shared/api/contract';
import { counterIds, makeDocument, makeTempDir, removeDir } from '../../../../support/fixtures';
import { written } from '../../../../support/written';

const NOON = new Date('2016-06-15T12:00:00.000Z');
const LOGIN = 'root';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await makeTempDir('apt-actor-');
  path = join(dir, 'plan.json');
});

afterEach(async () => {
  await Promise.all(made.splice(0).map(written));
  await removeDir(dir);
});

/** Every test's handlers, so the files are read (and removed) only once their edits are written. */
const made: Handlers[] = [];

async function handlersOver(): Promise<Handlers> {
  const handlers = createHandlers({
    store: await PlanStore.open(path, makeDocument),
    demoDocument: makeDocument,
    user: LOGIN,
    clock: () => NOON,
    newId: counterIds(),
    preferences: new PreferencesStore(join(dir, 'preferences.json')),
    templatesDir: resolve('templates/board-papers'),
    acceptsPathsFromPage: true,
  });
  made.push(handlers);
  return handlers;
}

/** The plan file once every edit answered is written. */
async function planOnDisk() {
  await Promise.all(made.map(written));
  return decodePlanFile(path, await readFile(path, 'utf8'));
}

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** One of each kind of record that says who made it: a log entry, a review, an assessment and its correction. */
async function recordOneOfEach(handlers: Handlers) {
  valueOf(await handlers.updateAction({ id: 'action-1', changes: { status: 'complete' } }));
  valueOf(
    await handlers.recordReview({ review: { actionId: 'action-1', outcome: 'sent_back', comment: 'Say how many.' } }),
  );
  valueOf(
    await handlers.recordAssessment({
      assessment: { areaId: 'governance', level: 2, date: '2016-06-01', assessedBy: 'Owen Castell' },
    }),
  );
  const doc = await planOnDisk();
  const assessment = doc.assessments.at(-1)!;
  valueOf(
    await handlers.correctAssessment({
      correction: {
        assessmentId: assessment.id,
        level: 3,
        date: '2016-06-01',
        evidence: '',
        assessedBy: 'Owen Castell',
        reason: 'The minutes said level 3.',
      },
    }),
  );
  return planOnDisk();
}

describe('who a change is recorded as', () => {
  it('is the person chosen for this plan, with the login kept beside the name, on every kind of record', async () => {
    const handlers = await handlersOver();
    valueOf(await handlers.setPreferences({ changes: { identities: { 'plan-1': 'person-2' } } }));
    const doc = await recordOneOfEach(handlers);
    const who = { by: 'Owen Castell', byPersonId: 'person-2', login: LOGIN };
    expect(doc.updateLog.at(-1)).toMatchObject({ field: 'status', ...who });
    expect(doc.reviews.at(-1)).toMatchObject({ outcome: 'sent_back', ...who });
    const [corrected, correction] = doc.assessments.slice(-2);
    expect(corrected).toMatchObject({ byPersonId: 'person-2', login: LOGIN });
    expect(corrected?.supersededBy).toMatchObject({ by: 'Owen Castell' });
    expect(correction).toMatchObject({ level: 3, byPersonId: 'person-2', login: LOGIN });
    expect(JSON.stringify(doc.updateLog.slice(-1)) + JSON.stringify(doc.reviews)).not.toContain(`"by":"${LOGIN}"`);
  });

  it('is the login, kept as the login too, until someone is chosen', async () => {
    const handlers = await handlersOver();
    const doc = await recordOneOfEach(handlers);
    expect(doc.updateLog.at(-1)).toMatchObject({ by: LOGIN, login: LOGIN });
    expect(doc.updateLog.at(-1)).not.toHaveProperty('byPersonId');
  });

  it('is the login again when the person chosen has been removed from People', async () => {
    const handlers = await handlersOver();
    valueOf(await handlers.setPreferences({ changes: { identities: { 'plan-1': 'person-gone' } } }));
    valueOf(await handlers.updateAction({ id: 'action-1', changes: { status: 'complete' } }));
    const doc = await planOnDisk();
    expect(doc.updateLog.at(-1)).toMatchObject({ by: LOGIN, login: LOGIN });
  });
});

describe('switching person', () => {
  it('applies to a change asked for while the switch is still being saved', async () => {
    const handlers = await handlersOver();
    valueOf(await handlers.setPreferences({ changes: { identities: { 'plan-1': 'person-1' } } }));
    // Not awaited: the edit is asked for before the new choice has reached the disk.
    const switching = handlers.setPreferences({ changes: { identities: { 'plan-1': 'person-3' } } });
    valueOf(await handlers.updateAction({ id: 'action-1', changes: { status: 'complete' } }));
    valueOf(await switching);
    const doc = await planOnDisk();
    expect(doc.updateLog.at(-1)).toMatchObject({ by: 'Bryony Marsh', byPersonId: 'person-3' });
  });
});
