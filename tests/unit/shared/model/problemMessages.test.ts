import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { decodePlanFile, encodePlanFile } from '../../../../electron/core/planFileCodec';
import { PlanFileError } from '../../../../electron/core/planFileError';
import { PlanStore } from '../../../../electron/core/planStore';
import { PreferencesStore } from '../../../../electron/core/preferencesStore';
import { createHandlers } from '../../../../electron/core/handlers';
import { labelOfPath } from '../../../../shared/model/validationIssues';
import { counterIds, makeDocument, makeTempDir, removeDir } from '../../../support/fixtures';

const ALL_STATUSES = 'must be one of Not started, On track, At risk, Off track, Complete';

/** The fixture plan with its second action numbered 12 and `mutate` applied, as file text. */
function fileText(mutate: (doc: any) => void): string {
  const doc = makeDocument() as any;
  doc.actions[1].number = '12';
  mutate(doc);
  return JSON.stringify(doc);
}

function refusal(text: string | Uint8Array): PlanFileError {
  try {
    decodePlanFile('/plans/plan.json', text);
  } catch (error) {
    if (error instanceof PlanFileError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('problems name the action and field as a person knows them', () => {
  it('a bad status: "Action 12, Status: must be one of Not started, On track, …"', () => {
    const error = refusal(fileText((doc) => (doc.actions[1].status = 'done')));
    expect(error.problems).toEqual([
      {
        field: 'actions[1].status',
        label: 'Action 12, Status',
        reason: expect.stringMatching(new RegExp(`^${ALL_STATUSES} \\(in the file: not_started`)),
      },
    ]);
    expect(error.message).toContain(`has data that is not valid: Action 12, Status: ${ALL_STATUSES}`);
    expect(error.message).not.toContain('actions[1]');
  });

  it('a bad date in a next step: "Action 12, next step 2, Due date: …"', () => {
    const error = refusal(
      fileText((doc) => {
        doc.actions[1].nextSteps = [
          doc.actions[0].nextSteps[0],
          { ...doc.actions[0].nextSteps[1], timescale: { text: 'End of Feb', due: '31/02/2016' } },
        ];
      }),
    );
    expect(error.message).toContain('Action 12, next step 2, Due date: must be a date written YYYY-MM-DD');
  });

  it('other records by their names, and an action with no usable number by its position', () => {
    const doc = makeDocument() as any;
    expect(labelOfPath(['people', 0, 'role'], doc)).toBe('Person 1 (Nadia Pemberton), Role');
    expect(labelOfPath(['plan', 'periodEnd'], doc)).toBe('Plan details, Period end');
    expect(labelOfPath(['actions', 0, 'timescale', 'text'], doc)).toBe('Action 1, Timescale');
    expect(labelOfPath(['actions', 0, 'leads', 0, 'name'], doc)).toBe('Action 1, lead 1, Name');
    expect(labelOfPath(['matrix', 'areas', 6, 'name'], doc)).toBe('Maturity matrix, area 7 (Governance), Name');
    expect(labelOfPath(['actions', 7, 'status'], doc)).toBe('Action at position 8, Status');
    expect(labelOfPath(['actions', 7, 'status'])).toBe('Action at position 8, Status');
    expect(labelOfPath([])).toBe('The whole value');
  });

  it('the store refusing to save names the action by its number too', async () => {
    const dir = await makeTempDir('apt-labels-');
    try {
      const store = await PlanStore.open(join(dir, 'plan.json'), makeDocument);
      await expect(
        store.update((doc) => ({
          ...doc,
          actions: doc.actions.map((action, index) => (index === 2 ? { ...action, status: 'done' as never } : action)),
        })),
      ).rejects.toThrow(`Refusing to save an invalid plan: Action 10, Status: ${ALL_STATUSES}`);
      await store.close();
    } finally {
      await removeDir(dir);
    }
  });

  it('a handler refusing a request says which field, as the form shows it', async () => {
    const dir = await makeTempDir('apt-labels-');
    try {
      const store = await PlanStore.open(join(dir, 'plan.json'), makeDocument);
      const handlers = createHandlers({
        store,
        demoDocument: makeDocument,
        user: 'Test User',
        newId: counterIds(),
        preferences: new PreferencesStore(join(dir, 'preferences.json')),
        templatesDir: resolve('templates/board-papers'),
      });
      const result = await handlers.updateAction({
        id: 'action-1',
        changes: { nextSteps: [{ text: 'Step', timescaleText: 7 }] },
      });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message).toBe(
          'Some values are not valid: Next step 1, Timescale: must be text, not a number.',
        );
        expect(result.error.problems).toEqual([
          {
            field: 'changes.nextSteps[0].timescaleText',
            label: 'Next step 1, Timescale',
            reason: 'must be text, not a number',
          },
        ]);
      }
      await handlers.close();
    } finally {
      await removeDir(dir);
    }
  });
});

describe('a plan saved as UTF-16 is named as such', () => {
  const json = encodePlanFile(makeDocument());
  const utf16le = (withMark: boolean) =>
    Buffer.concat([withMark ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(json, 'utf16le')]);
  const utf16be = () => {
    const bytes = Buffer.from(json, 'utf16le');
    return Buffer.concat([Buffer.from([0xfe, 0xff]), bytes.swap16()]);
  };
  const cases: [string, () => Buffer][] = [
    ['UTF-16 LE with its mark (FF FE)', () => utf16le(true)],
    ['UTF-16 BE with its mark (FE FF)', utf16be],
    ['UTF-16 LE without a mark', () => utf16le(false)],
  ];

  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('apt-utf16-');
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  for (const [name, bytesOf] of cases) {
    it(`${name}: refused with a message that says how to fix it, and left untouched`, async () => {
      const bytes = bytesOf();
      const path = join(dir, 'plan.json');
      await writeFile(path, bytes);
      const store = await PlanStore.open(path, makeDocument);
      const status = store.status();
      expect(status).toMatchObject({ kind: 'failed', reason: 'wrong_encoding' });
      if (status.kind === 'failed') {
        expect(status.message).toContain(`${path} is saved as UTF-16 text`);
        expect(status.message).toContain('Save it as UTF-8');
        expect(status.message).not.toContain('not valid JSON');
      }
      await store.close();
      expect((await readFile(path)).equals(bytes)).toBe(true);
      // The codec says the same whether it is given the bytes or the bytes read as UTF-8.
      expect(refusal(bytes).reason).toBe('wrong_encoding');
      expect(refusal(bytes.toString('utf8')).reason).toBe('wrong_encoding');
    });
  }

  it('while a damaged UTF-8 file is still called not valid JSON', () => {
    expect(refusal(json.slice(0, 40)).message).toContain('is not valid JSON');
  });
});
