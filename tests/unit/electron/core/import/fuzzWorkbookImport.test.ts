/**
 * Fuzzing the Excel import: whatever bytes or workbook a lead sends back, reading and diffing never throw,
 * and the import is all or nothing — either problems (each saying where and why) and the data file is not
 * touched, or no problems and exactly the previewed changes land in a valid plan, one update-log entry each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import JSZip from 'jszip';
import type { CellValue, Workbook } from 'exceljs';
import { copyFile, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../../../../electron/core/handlers';
import { PlanStore } from '../../../../../electron/core/planStore';
import { PreferencesStore } from '../../../../../electron/core/preferencesStore';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import { writePlanWorkbook } from '../../../../../electron/core/export/planWorkbook';
import ExcelJS from '../../../../../electron/core/export/planWorkbookExcel';
import {
  applyWorkbookChanges,
  planWorkbookChanges,
  readPlanWorkbook,
} from '../../../../../electron/core/import/planWorkbookImport';
import type {
  ImportChange,
  ImportIssue,
  WorkbookChangeSet,
} from '../../../../../electron/core/import/planWorkbookImport';
import { SHEET } from '../../../../../shared/domain/workbook';
import { timescaleFromText } from '../../../../../shared/domain/timescale';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import type { PlanDocument } from '../../../../../shared/model/plan';
import type { Lead } from '../../../../../shared/model/people';
import { counterIds, fixedContext, makeTempDir, removeDir } from '../../../../support/fixtures';

/** Runs per property; together they keep this file well under 30 s. */
const RUNS_BYTES = 300;
const RUNS_DAMAGED = 100;
const RUNS_WORKBOOK = 120;
const RUNS_PLAUSIBLE = 60;
const RUNS_ROUND_TRIP = 40;
/** Each run imports twice (once here, once through the handlers' worker): slower than a unit test. */
const IMPORT_RUNS_TIMEOUT = 240_000;

const TODAY = '2026-11-24';
const NOW = new Date('2026-11-24T10:00:00.000Z');
const USER = 'Fuzz Tester';
const SHEET_NAMES = new Set<string>(Object.values(SHEET));

let casesRun = 0;
const outcomes = { refused: 0, appliedChanges: 0, noChanges: 0, unwritable: 0 };
const changesApplied = { total: 0 };
const mutationsTried = new Map<string, number>();

let dir: string;
let pristineFile: string;
let pristineBytes: Buffer;
let doc: PlanDocument;
let exported: Buffer;
let caseNo = 0;

beforeAll(async () => {
  dir = await makeTempDir('apt-fuzz-xlsx-');
  pristineFile = join(dir, 'pristine.json');
  const store = await PlanStore.open(pristineFile, demoDocument);
  doc = store.document()!;
  await store.close();
  pristineBytes = await readFile(pristineFile);
  exported = await writePlanWorkbook(doc, TODAY, { now: new Date('2026-11-24T09:30:00.000Z') });
});

afterAll(async () => {
  await removeDir(dir);
  console.log(
    `fuzz (Excel import): ${casesRun} cases run — ${outcomes.refused} refused with problems, ` +
      `${outcomes.appliedChanges} applied (${changesApplied.total} changes in all), ${outcomes.noChanges} with nothing to change, ` +
      `${outcomes.unwritable} mutations exceljs could not write (skipped); mutations: ` +
      [...mutationsTried].map(([kind, count]) => `${kind} ${count}`).join(', '),
  );
});

// ---------------------------------------------------------------------------------------------------------
// The invariants.

function checkIssue(issue: ImportIssue, kind: 'problem' | 'notice'): void {
  const what = `${kind} ${JSON.stringify(issue)}`;
  expect(typeof issue.reason, what).toBe('string');
  expect(issue.reason.trim().length, what).toBeGreaterThan(0);
  if (issue.sheet !== null) expect(SHEET_NAMES.has(issue.sheet), what).toBe(true);
  if (issue.row !== null) {
    expect(Number.isInteger(issue.row) && issue.row >= 1, what).toBe(true);
    expect(issue.sheet, what).not.toBeNull();
  }
  if (issue.columnLetter !== null) expect(issue.columnLetter, what).toMatch(/^[A-Z]{1,3}$/);
  if (kind === 'problem') {
    // A problem on a row of a sheet names the cell: sheet, row and column (with its letter).
    if (issue.row !== null) {
      expect(issue.column, what).not.toBeNull();
      expect(issue.columnLetter, what).not.toBeNull();
    }
    if (issue.column !== null) expect(issue.columnLetter, what).not.toBeNull();
  }
}

/** The shape every change set must have, whatever the workbook held. */
function checkSet(base: PlanDocument, set: WorkbookChangeSet): void {
  set.problems.forEach((problem) => checkIssue(problem, 'problem'));
  set.notices.forEach((notice) => checkIssue(notice, 'notice'));
  for (const change of set.changes) {
    const what = JSON.stringify(change);
    expect([SHEET.plan, SHEET.steps], what).toContain(change.sheet);
    expect(Number.isInteger(change.row) && change.row >= 2, what).toBe(true);
    const action = base.actions.find((candidate) => candidate.id === change.actionId);
    expect(action, what).toBeDefined();
    expect(change.actionNumber, what).toBe(action!.number);
    if ('stepId' in change)
      expect(
        action!.nextSteps.some((step) => step.id === change.stepId),
        what,
      ).toBe(true);
  }
}

/** readPlanWorkbook + planWorkbookChanges never throw; a set without problems applies to a valid plan. */
async function readAndDiff(bytes: Uint8Array): Promise<WorkbookChangeSet> {
  casesRun += 1;
  let set: WorkbookChangeSet;
  try {
    set = planWorkbookChanges(doc, await readPlanWorkbook(bytes));
  } catch (error) {
    throw new Error(
      `reading or diffing threw ${(error as Error)?.name}: ${(error as Error)?.message ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
  checkSet(doc, set);
  if (set.problems.length > 0) {
    outcomes.refused += 1;
    expect(() => applyWorkbookChanges(doc, set, fixedContext())).toThrow();
  } else {
    const next = applyWorkbookChanges(doc, set, fixedContext());
    expect(planDocumentSchema.safeParse(next).success).toBe(true);
    expect(next.updateLog.length).toBe(doc.updateLog.length + set.changes.length);
    if (set.changes.length > 0) outcomes.appliedChanges += 1;
    else outcomes.noChanges += 1;
  }
  return set;
}

// ---------------------------------------------------------------------------------------------------------
// What the plan should look like after exactly the previewed changes (an oracle independent of the importer).

interface StepView {
  id: string | null;
  text: string;
  leads: Lead[];
  timescaleText: string;
  done: boolean;
}
interface ActionView {
  id: string;
  number: string;
  areaId: string;
  description: string;
  achievement: string;
  risks: string;
  boardComment: string;
  leads: Lead[];
  timescaleText: string;
  progressLevel: number;
  status: string;
  steps: StepView[];
}

function viewOf(plan: PlanDocument, keepNewStepIds: ReadonlySet<string> | null = null): ActionView[] {
  return plan.actions.map((action) => ({
    id: action.id,
    number: action.number,
    areaId: action.areaId,
    description: action.description,
    achievement: action.achievement,
    risks: action.risks,
    boardComment: action.boardComment,
    leads: action.leads,
    timescaleText: action.timescale.text,
    progressLevel: action.progressLevel,
    status: action.status,
    steps: action.nextSteps.map((step) => ({
      id: keepNewStepIds === null || keepNewStepIds.has(step.id) ? step.id : null,
      text: step.text,
      leads: step.leads,
      timescaleText: step.timescale.text,
      done: step.done,
    })),
  }));
}

const LOGGED_FIELD_OF: Record<ImportChange['field'], string> = {
  achievement: 'achievement',
  risks: 'risks',
  boardComment: 'boardComment',
  timescale: 'timescale',
  status: 'status',
  stepText: 'nextSteps',
  stepLeads: 'nextSteps',
  stepTimescale: 'nextSteps',
  stepDone: 'nextSteps',
  newStep: 'nextSteps',
};

function expectedView(before: PlanDocument, changes: readonly ImportChange[]): ActionView[] {
  const view = viewOf(before);
  for (const change of changes) {
    const action = view.find((candidate) => candidate.id === change.actionId)!;
    const step = 'stepId' in change ? action.steps.find((candidate) => candidate.id === change.stepId)! : null;
    switch (change.field) {
      case 'achievement':
        action.achievement = change.value;
        break;
      case 'risks':
        action.risks = change.value;
        break;
      case 'boardComment':
        action.boardComment = change.value;
        break;
      case 'timescale':
        action.timescaleText = change.value;
        break;
      case 'status':
        action.status = change.value;
        break;
      case 'stepText':
        step!.text = change.value;
        break;
      case 'stepLeads':
        step!.leads = change.value;
        break;
      case 'stepTimescale':
        step!.timescaleText = change.value;
        break;
      case 'stepDone':
        step!.done = change.value;
        break;
      case 'newStep':
        action.steps.push({ id: null, ...change.value });
        break;
    }
  }
  return view;
}

const sortedPairs = (pairs: string[][]) => pairs.map((pair) => pair.join(' | ')).sort();

/**
 * Through the handlers, over a fresh copy of the data file: a workbook with problems leaves the file
 * byte-for-byte as it was; one without problems applies exactly the previewed changes.
 */
async function importHoldsUp(bytes: Buffer): Promise<void> {
  const set = await readAndDiff(bytes);
  caseNo += 1;
  const dataFile = join(dir, `plan-${caseNo}.json`);
  await copyFile(pristineFile, dataFile);
  const store = await PlanStore.open(dataFile, () => {
    throw new Error('the demo must not be used for an existing file');
  });
  const handlers = createHandlers({
    store,
    demoDocument,
    user: USER,
    clock: () => NOW,
    newId: counterIds('fz'),
    preferences: new PreferencesStore(join(dir, 'preferences.json')),
    templatesDir: resolve('templates/board-papers'),
  });
  try {
    const base64 = bytes.toString('base64');
    const before = store.document()!;
    if (set.problems.length > 0 || set.changes.length === 0) {
      const result = await handlers.applyWorkbookImport({
        fileName: 'fuzz.xlsx',
        base64,
        expectedChanges: Math.max(1, set.changes.length),
      });
      expect(result.ok, 'a workbook with problems (or nothing to change) must not be applied').toBe(false);
      if (!result.ok) expect(result.error.message.trim().length).toBeGreaterThan(0);
      expect(
        (await readFile(dataFile)).equals(pristineBytes),
        'the data file must be left byte-for-byte as it was',
      ).toBe(true);
      expect(store.document()).toEqual(before);
      return;
    }

    const result = await handlers.applyWorkbookImport({
      fileName: 'fuzz.xlsx',
      base64,
      expectedChanges: set.changes.length,
    });
    if (!result.ok) {
      throw new Error(
        `a workbook previewed with no problems and ${set.changes.length} change(s) was refused: ` +
          `${result.error.code}: ${result.error.message}\nchanges: ${JSON.stringify(set.changes.map(({ value: _value, ...change }) => change))}`,
      );
    }
    const after = result.value;
    expect(planDocumentSchema.safeParse(after).success).toBe(true);
    expect(JSON.parse(await readFile(dataFile, 'utf8'))).toEqual(JSON.parse(JSON.stringify(after)));

    // Exactly the previewed changes, nothing else.
    const oldStepIds = new Set(before.actions.flatMap((action) => action.nextSteps.map((step) => step.id)));
    expect(viewOf(after, oldStepIds)).toEqual(expectedView(before, set.changes));
    expect({ ...after, actions: [], updateLog: [] }).toEqual({ ...before, actions: [], updateLog: [] });
    const touched = new Set(set.changes.map((change) => change.actionId));
    for (const action of before.actions) {
      if (!touched.has(action.id))
        expect(after.actions.find((candidate) => candidate.id === action.id)).toEqual(action);
    }
    // One update-log entry per change, by this user, now; the older log untouched.
    expect(after.updateLog.slice(0, before.updateLog.length)).toEqual(before.updateLog);
    const added = after.updateLog.slice(before.updateLog.length);
    expect(added.length).toBe(set.changes.length);
    expect(added.every((entry) => entry.by === USER && entry.at === NOW.toISOString())).toBe(true);
    expect(sortedPairs(added.map((entry) => [entry.actionId, entry.field]))).toEqual(
      sortedPairs(set.changes.map((change) => [change.actionId, LOGGED_FIELD_OF[change.field]])),
    );
    changesApplied.total += set.changes.length;
  } finally {
    await handlers.close();
    await rm(dataFile, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Raw bytes: random, truncated, bit-flipped, and damaged inside the zip.

const truncated = fc.nat().map((cut) => exported.subarray(0, cut % exported.length));

const bitFlipped = fc
  .array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 16 })
  .map((flips) => {
    const bytes = Buffer.from(exported);
    for (const [at, mask] of flips) {
      const index = at % bytes.length;
      bytes[index] = bytes[index]! ^ mask;
    }
    return bytes;
  });

const XML_PARTS = [
  'xl/workbook.xml',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
  '[Content_Types].xml',
  'xl/_rels/workbook.xml.rels',
];

/** Damages one XML part inside a valid zip, so the reader gets past the zip layer into exceljs' parser. */
const damagedPart = fc
  .tuple(
    fc.nat(),
    fc.constantFrom('truncate', 'flip', 'delete', 'garbage', 'entity'),
    fc.nat(),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 127 })), { minLength: 1, maxLength: 8 }),
  )
  .map(([partPick, how, cut, flips]) => ({ partPick, how, cut, flips }));

async function withDamagedPart({
  partPick,
  how,
  cut,
  flips,
}: {
  partPick: number;
  how: string;
  cut: number;
  flips: [number, number][];
}) {
  const zip = await JSZip.loadAsync(exported);
  const names = [
    ...XML_PARTS,
    ...Object.keys(zip.files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name)),
  ];
  const name = names[partPick % names.length]!;
  const text = (await zip.file(name)?.async('string')) ?? '';
  if (how === 'delete') zip.remove(name);
  else if (how === 'truncate') zip.file(name, text.slice(0, cut % Math.max(1, text.length)));
  else if (how === 'garbage') zip.file(name, '\u0000\uFFFE<<not xml');
  else if (how === 'entity') {
    // A billion-laughs style DOCTYPE must not be expanded (or hang the reader).
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    zip.file(name, bomb + text.replace(/^<\?xml[^>]*\?>/, '').replace(/<t>[^<]*<\/t>/, '<t>&c;</t>'));
  } else {
    const bytes = Buffer.from(text, 'utf8');
    for (const [at, mask] of flips) if (bytes.length > 0) bytes[at % bytes.length] = bytes[at % bytes.length]! ^ mask;
    zip.file(name, bytes);
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('readPlanWorkbook + planWorkbookChanges on damaged bytes', () => {
  it('never throw for random bytes (with and without the zip signature)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), async (array, zipMagic) => {
        const bytes = zipMagic
          ? Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(array)])
          : Buffer.from(array);
        const set = await readAndDiff(bytes);
        expect(set.problems.length).toBeGreaterThan(0);
        expect(set.changes).toEqual([]);
      }),
      { numRuns: RUNS_BYTES },
    );
  });

  it('never throw for a real export cut short', async () => {
    await fc.assert(
      fc.asyncProperty(truncated, async (bytes) => {
        const set = await readAndDiff(bytes);
        expect(set.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS_DAMAGED },
    );
  });

  it('never throw for a real export with random bit flips', async () => {
    await fc.assert(
      fc.asyncProperty(bitFlipped, (bytes) => readAndDiff(bytes).then(() => undefined)),
      { numRuns: RUNS_DAMAGED },
    );
  });

  it('never throw for a valid zip whose XML parts are damaged', async () => {
    await fc.assert(
      fc.asyncProperty(damagedPart, async (damage) => {
        await readAndDiff(await withDamagedPart(damage));
      }),
      { numRuns: RUNS_DAMAGED },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Workbooks a lead (or an attacker) edited with a spreadsheet program: built with exceljs from the export.

const LONG = 'L'.repeat(8_001);
const HUGE = 'H'.repeat(40_000);

const hostileStrings = fc.constantFrom(
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("https://evil.example/","click")',
  '+SUM(1,2)',
  '-2+3',
  '@SUM(A1)',
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '',
  '   ',
  '\t',
  'a\r\nb',
  'line_x000D_break',
  '\u0000\u0001control',
  '\uFFFE',
  'é😀 ünïcödé',
  '\u202Eright-to-left override',
  LONG,
  HUGE,
  'Yes',
  'No',
  'yes ',
  'TRUE',
  'On track',
  'at  risk',
  'OFF TRACK',
  'Complete',
  'Nearly there',
  'March 2027',
  'End of May 27',
  '1',
  '2',
  '1.1',
  '12a',
  '999',
  'Priya Chandran; Sam Okoro',
  ';;;',
  'x'.repeat(121),
  Array.from({ length: 25 }, (_, index) => `Lead ${index}`).join('; '),
);

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 5, arbitrary: hostileStrings },
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(0, -0, 1, 2, 1e308, Number.NaN, Number.POSITIVE_INFINITY),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z') }),
      fc.constant(new Date(Number.NaN)),
    ),
  },
  { weight: 1, arbitrary: fc.boolean() },
  {
    weight: 1,
    arbitrary: fc.constantFrom<CellValue>(
      { formula: "cmd|' /C calc'!A0", result: 0 } as CellValue,
      { formula: 'HYPERLINK("https://evil.example/","click")', result: 'click' } as CellValue,
      { formula: 'SUM(A1:A3)' } as CellValue,
      { formula: '1/0', result: { error: '#DIV/0!' } } as CellValue,
      { sharedFormula: 'A2', result: 1 } as unknown as CellValue,
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(hostileStrings, fc.string({ maxLength: 20 })), { minLength: 0, maxLength: 4 })
      .map((parts) => ({ richText: parts.map((text, index) => ({ text, font: { bold: index % 2 === 0 } })) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        hostileStrings,
        fc.constantFrom('https://evil.example/', 'javascript:window.__pwned=1', 'file:///etc/passwd', '#_ids!A1'),
      )
      .map(([text, hyperlink]) => ({ text, hyperlink })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?').map((error) => ({ error })),
  },
  { weight: 1, arbitrary: fc.constant(null) },
);

const dataSheet = fc.constantFrom<string>(SHEET.plan, SHEET.steps);
const headerNames = fc.oneof(
  fc.constantFrom(
    'Status',
    'STATUS',
    ' Status ',
    'Achievement to date',
    'Action No.',
    'Step No.',
    'Done',
    'Lead(s)',
    'Next step',
    'Timescale',
    'Notes',
    '',
  ),
  fc.string({ maxLength: 20 }),
);

interface Mutation {
  name: string;
  apply: (workbook: Workbook) => void;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(dataSheet, fc.nat(), fc.nat(), cellValue).map(([sheet, row, column, value]) => ({
      name: `set a cell of "${sheet}"`,
      apply: (workbook: Workbook) => {
        const ws = workbook.getWorksheet(sheet);
        if (!ws) return;
        ws.getCell(1 + (row % (ws.rowCount + 3)), 1 + (column % (ws.columnCount + 2))).value = value;
      },
    })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(dataSheet, fc.nat(), fc.integer({ min: 1, max: 3 })).map(([sheet, start, count]) => ({
      name: `delete rows of "${sheet}"`,
      apply: (workbook: Workbook) => {
        const ws = workbook.getWorksheet(sheet);
        if (ws) ws.spliceRows(1 + (start % ws.rowCount), count);
      },
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(dataSheet, fc.nat(), fc.integer({ min: 1, max: 2 }), fc.boolean())
      .map(([sheet, row, amount, insert]) => ({
        name: `duplicate a row of "${sheet}"`,
        apply: (workbook: Workbook) => {
          const ws = workbook.getWorksheet(sheet);
          if (ws) ws.duplicateRow(1 + (row % ws.rowCount), amount, insert);
        },
      })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(dataSheet, fc.nat(), fc.array(cellValue, { maxLength: 12 })).map(([sheet, at, values]) => ({
      name: `insert a row into "${sheet}"`,
      apply: (workbook: Workbook) => {
        const ws = workbook.getWorksheet(sheet);
        if (ws) ws.insertRow(1 + (at % (ws.rowCount + 1)), values);
      },
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('1', '2', '9', '17', '18', '99', ''),
        cellValue,
        fc.oneof(hostileStrings, cellValue),
        fc.constantFrom<CellValue>('', 'Yes', 'No', true, 'maybe'),
      )
      .map(([number, text, leads, done]) => ({
        name: 'add a next step',
        apply: (workbook: Workbook) => {
          workbook.getWorksheet(SHEET.steps)?.addRow([number, null, text, leads, 'End of March 27', done]);
        },
      })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(dataSheet, fc.nat(), headerNames).map(([sheet, column, header]) => ({
      name: `rename a header of "${sheet}"`,
      apply: (workbook: Workbook) => {
        const ws = workbook.getWorksheet(sheet);
        if (ws) ws.getCell(1, 1 + (column % (ws.columnCount + 1))).value = header;
      },
    })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(dataSheet, fc.nat(), fc.nat()).map(([sheet, a, b]) => ({
      name: `swap two rows of "${sheet}" (as sorting does)`,
      apply: (workbook: Workbook) => {
        const ws = workbook.getWorksheet(sheet);
        if (!ws || ws.rowCount < 3) return;
        const first = 2 + (a % (ws.rowCount - 1));
        const second = 2 + (b % (ws.rowCount - 1));
        const one = ws.getRow(first).values;
        const two = ws.getRow(second).values;
        ws.getRow(first).values = two;
        ws.getRow(second).values = one;
      },
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...Object.values(SHEET)).map((name) => ({
      name: `remove sheet "${name}"`,
      apply: (workbook: Workbook) => {
        const ws = workbook.getWorksheet(name);
        if (ws) workbook.removeWorksheet(ws.id);
      },
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...Object.values(SHEET)),
        fc.constantFrom('Action Plan', 'next steps', 'Sheet1', '_IDS', 'ids', 'Action plan (2)'),
      )
      .map(([name, to]) => ({
        name: `rename sheet "${name}" to "${to}"`,
        apply: (workbook: Workbook) => {
          const ws = workbook.getWorksheet(name);
          if (ws && !workbook.getWorksheet(to)) ws.name = to;
        },
      })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'meta',
          'cell',
          'delete',
          'duplicateActionId',
          'duplicateStepId',
          'swapNumbers',
          'clearPrints',
          'unhide',
        ),
        fc.constantFrom('planId', 'planTitle', 'schemaVersion', 'workbookFormat', 'exportedAt', 'today'),
        fc.nat(),
        fc.nat(),
        fc.oneof(cellValue, fc.constantFrom<CellValue>(0, 2, 999, '1', 'x', 'plan-other', '2026-13-45')),
      )
      .map(([kind, key, a, b, value]) => ({
        name: `tamper with "_ids" (${kind})`,
        apply: (workbook: Workbook) => tamperIds(workbook, kind, key, a, b, value),
      })),
  },
);

/** The "_ids" row table starts after its header row ("sheet", "row", ...). */
function idsTable(workbook: Workbook): { first: number; last: number } | null {
  const ids = workbook.getWorksheet(SHEET.ids);
  if (!ids) return null;
  for (let row = 1; row <= ids.rowCount; row += 1) {
    if (ids.getCell(row, 1).value === 'sheet' && ids.getCell(row, 2).value === 'row')
      return { first: row + 1, last: ids.rowCount };
  }
  return null;
}

function tamperIds(workbook: Workbook, kind: string, key: string, a: number, b: number, value: CellValue): void {
  const ids = workbook.getWorksheet(SHEET.ids);
  const table = idsTable(workbook);
  if (!ids || !table || table.last < table.first) return;
  const size = table.last - table.first + 1;
  const rowA = table.first + (a % size);
  const rowB = table.first + (b % size);
  switch (kind) {
    case 'meta':
      for (let row = 1; row < table.first; row += 1)
        if (ids.getCell(row, 1).value === key) ids.getCell(row, 2).value = value;
      break;
    case 'cell':
      ids.getCell(rowA, 1 + (b % 7)).value = value;
      break;
    case 'delete':
      ids.spliceRows(rowA, 1);
      break;
    case 'duplicateStepId': {
      // Two step rows of one action made to point at the same step id.
      const steps: number[] = [];
      for (let row = table.first; row <= table.last; row += 1)
        if (ids.getCell(row, 1).value === SHEET.steps) steps.push(row);
      const from = steps[a % Math.max(1, steps.length)];
      if (from === undefined) return;
      const sibling = steps.find((row) => row !== from && ids.getCell(row, 3).value === ids.getCell(from, 3).value);
      if (sibling !== undefined) ids.getCell(sibling, 5).value = ids.getCell(from, 5).value;
      break;
    }
    case 'duplicateActionId':
      ids.getCell(rowB, 3).value = ids.getCell(rowA, 3).value;
      break;
    case 'swapNumbers': {
      const number = ids.getCell(rowA, 4).value;
      ids.getCell(rowA, 4).value = ids.getCell(rowB, 4).value;
      ids.getCell(rowB, 4).value = number;
      break;
    }
    case 'clearPrints':
      ids.getCell(rowA, 7).value = b % 2 === 0 ? null : 'x y z';
      break;
    case 'unhide':
      ids.state = 'visible';
      break;
  }
}

/** Valid-looking edits only, so the "no problems, apply exactly these" branch is reached often. */
const STATUS_LABELS = ['Not started', 'On track', 'At risk', 'Off track', 'Complete'];
const plausibleEdit: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(...STATUS_LABELS)).map(([row, status]) => ({
    name: 'set a status',
    apply: (workbook: Workbook) => setByHeader(workbook, SHEET.plan, row, 'Status', status),
  })),
  fc.tuple(fc.nat(), fc.oneof(hostileStrings, fc.string({ maxLength: 200 }))).map(([row, text]) => ({
    name: 'set an achievement',
    apply: (workbook: Workbook) => setByHeader(workbook, SHEET.plan, row, 'Achievement to date', text),
  })),
  fc.tuple(fc.nat(), fc.constantFrom('March 2027', 'End of June 28', 'Ongoing', '', 'Q3 2027')).map(([row, text]) => ({
    name: 'set a timescale',
    apply: (workbook: Workbook) => setByHeader(workbook, SHEET.plan, row, 'Timescale', text),
  })),
  fc.tuple(fc.nat(), fc.constantFrom<CellValue>('Yes', 'No', true, false, 'yes')).map(([row, done]) => ({
    name: 'tick a step',
    apply: (workbook: Workbook) => setByHeader(workbook, SHEET.steps, row, 'Done', done),
  })),
  fc.tuple(fc.nat(), fc.oneof(hostileStrings, fc.string({ minLength: 1, maxLength: 100 }))).map(([row, text]) => ({
    name: 'reword a step',
    apply: (workbook: Workbook) => setByHeader(workbook, SHEET.steps, row, 'Next step', text),
  })),
  fc.tuple(fc.nat(), fc.constantFrom('Priya Chandran', 'Sam Okoro; Someone New', '', 'A; B; C')).map(([row, text]) => ({
    name: 'change step leads',
    apply: (workbook: Workbook) => setByHeader(workbook, SHEET.steps, row, 'Lead(s)', text),
  })),
  fc
    .tuple(fc.constantFrom('1', '4', '9', '12'), fc.oneof(hostileStrings, fc.string({ minLength: 1, maxLength: 100 })))
    .map(([number, text]) => ({
      name: 'add a step',
      apply: (workbook: Workbook) => {
        workbook.getWorksheet(SHEET.steps)?.addRow([number, null, text, 'Priya Chandran', 'End of March 27', 'No']);
      },
    })),
);

function setByHeader(workbook: Workbook, sheet: string, row: number, header: string, value: CellValue): void {
  const ws = workbook.getWorksheet(sheet);
  if (!ws) return;
  const headers = ws.getRow(1).values as unknown[];
  const column = headers.indexOf(header);
  const last =
    sheet === SHEET.plan ? ws.rowCount : doc.actions.reduce((total, action) => total + action.nextSteps.length, 1);
  if (column > 0) ws.getCell(2 + (row % (last - 1)), column).value = value;
}

async function mutatedWorkbook(mutations: readonly Mutation[]): Promise<Buffer | null> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(exported as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  for (const { name, apply } of mutations) {
    const kind = name.replace(/ "[^"]*"/g, '').replace(/ to$/, '');
    mutationsTried.set(kind, (mutationsTried.get(kind) ?? 0) + 1);
    try {
      apply(workbook);
    } catch {
      // exceljs refused the edit itself (e.g. a sheet name it does not allow): the workbook stays as it was.
    }
  }
  try {
    return Buffer.from(await workbook.xlsx.writeBuffer());
  } catch {
    outcomes.unwritable += 1;
    return null;
  }
}

describe('importing a workbook edited in random ways', () => {
  it(
    'either refuses with located problems and leaves the data file untouched, or applies exactly the preview',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
          const bytes = await mutatedWorkbook(mutations);
          if (bytes) await importHoldsUp(bytes);
        }),
        { numRuns: RUNS_WORKBOOK },
      );
    },
    IMPORT_RUNS_TIMEOUT,
  );

  it(
    'the same for plausible edits a lead makes (mostly applied)',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(plausibleEdit, { minLength: 1, maxLength: 6 }), async (mutations) => {
          const bytes = await mutatedWorkbook(mutations);
          if (bytes) await importHoldsUp(bytes);
        }),
        { numRuns: RUNS_PLAUSIBLE },
      );
    },
    IMPORT_RUNS_TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------------------
// An untouched export of any plan imports with nothing to change.

/** Text a plan may hold, including "_xHHHH_" sequences; lone surrogates are left out (they cannot be stored). */
const planText = (max: number) =>
  fc
    .oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom(
        "=cmd|' /C calc'!A0",
        '<script>window.__pwned=1</script>',
        'tab\there',
        'cr\r\nlf',
        '  padded  ',
        '\u0007bell',
        '&amp; <b>',
        'a_x000D_b',
        '_x0041_',
      ),
    )
    .map((text) => text.slice(0, max));
const leadName = fc
  .string({ minLength: 1, maxLength: 40 })
  .map((name) => name.replace(/[;\n\r]/g, ' ').trim())
  .filter((name) => name.length > 0);

const randomisedPlan = fc
  .array(
    fc.record({
      pick: fc.nat(),
      achievement: planText(8000),
      description: planText(8000),
      timescale: planText(200),
      stepText: planText(4000),
      stepTimescale: planText(200),
      leads: fc.array(leadName, { maxLength: 3 }),
      done: fc.boolean(),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((edits) => {
    const plan = structuredClone(doc);
    for (const edit of edits) {
      const action = plan.actions[edit.pick % plan.actions.length]!;
      action.achievement = edit.achievement;
      if (edit.description.trim()) action.description = edit.description.trim();
      action.timescale = timescaleFromText(edit.timescale);
      const step = action.nextSteps[edit.pick % Math.max(1, action.nextSteps.length)];
      if (step) {
        if (edit.stepText.trim()) step.text = edit.stepText.trim();
        step.timescale = timescaleFromText(edit.stepTimescale);
        step.leads = [...new Set(edit.leads)].map((name) => ({ name }));
        step.done = edit.done;
      }
    }
    return planDocumentSchema.parse(plan);
  });

describe('an untouched export', () => {
  it('of a plan holding arbitrary text imports with no problems, no notices and no changes', async () => {
    await fc.assert(
      fc.asyncProperty(randomisedPlan, async (plan) => {
        casesRun += 1;
        const set = planWorkbookChanges(
          plan,
          await readPlanWorkbook(await writePlanWorkbook(plan, TODAY, { now: NOW })),
        );
        expect(set.problems).toEqual([]);
        expect(set.notices).toEqual([]);
        expect(set.changes).toEqual([]);
      }),
      { numRuns: RUNS_ROUND_TRIP },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Bugs the fuzzing found, pinned down. Each `it.fails` states the behaviour that should hold; when the bug
// is fixed the test starts passing, so vitest reports it and the `.fails` can be removed.

async function edit(bytes: Buffer, change: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  change(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The "_ids" row of an exported "Next steps" (or "Action plan") row. */
function idsRowOf(workbook: Workbook, sheet: string, number: string, stepNo: string | null): number {
  const ids = workbook.getWorksheet(SHEET.ids)!;
  for (let row = 1; row <= ids.rowCount; row += 1) {
    const cell = (column: number) => ids.getCell(row, column).value;
    if (cell(1) === sheet && cell(4) === number && (stepNo === null || cell(6) === stepNo)) return row;
  }
  throw new Error(`no _ids row for ${sheet} ${number} ${stepNo}`);
}

function sheetRowOf(workbook: Workbook, sheet: string, number: string, stepNo: string | null): number {
  const ws = workbook.getWorksheet(sheet)!;
  const numberColumn = sheet === SHEET.plan ? 3 : 1;
  for (let row = 2; row <= ws.rowCount; row += 1) {
    if (ws.getCell(row, numberColumn).value === number && (stepNo === null || ws.getCell(row, 2).value === stepNo))
      return row;
  }
  throw new Error(`no ${sheet} row for ${number} ${stepNo}`);
}

describe('bugs found by fuzzing the Excel import, now fixed', () => {
  // Two "Next steps" rows mapped to one step id made both rows' edits land on that one step: an edit on
  // step 2's row could silently change step 1. A step id used twice in "_ids" is now a damaged sheet.
  it('a step id used on two "_ids" rows is reported as a problem, not previewed as two changes to one step', async () => {
    const bytes = await edit(exported, (workbook) => {
      const ids = workbook.getWorksheet(SHEET.ids)!;
      ids.getCell(idsRowOf(workbook, SHEET.steps, '1', '2'), 5).value = ids.getCell(
        idsRowOf(workbook, SHEET.steps, '1', '1'),
        5,
      ).value;
      const steps = workbook.getWorksheet(SHEET.steps)!;
      steps.getCell(sheetRowOf(workbook, SHEET.steps, '1', '1'), 6).value = 'Yes';
      steps.getCell(sheetRowOf(workbook, SHEET.steps, '1', '2'), 6).value = 'Yes';
    });
    const set = planWorkbookChanges(doc, await readPlanWorkbook(bytes));
    expect(set.problems.length).toBeGreaterThan(0);
  });

  it('ticking Done on the row of step 2 never marks step 1 done', async () => {
    const action = doc.actions.find((candidate) => candidate.number === '1')!;
    const bytes = await edit(exported, (workbook) => {
      const ids = workbook.getWorksheet(SHEET.ids)!;
      ids.getCell(idsRowOf(workbook, SHEET.steps, '1', '2'), 5).value = ids.getCell(
        idsRowOf(workbook, SHEET.steps, '1', '1'),
        5,
      ).value;
      workbook.getWorksheet(SHEET.steps)!.getCell(sheetRowOf(workbook, SHEET.steps, '1', '2'), 6).value = 'Yes';
    });
    const set = planWorkbookChanges(doc, await readPlanWorkbook(bytes));
    if (set.problems.length > 0) return; // refusing the damaged "_ids" is the fix
    const steps = applyWorkbookChanges(doc, set, fixedContext()).actions.find(
      (candidate) => candidate.id === action.id,
    )!.nextSteps;
    expect(steps.find((step) => step.id === action.nextSteps[0]!.id)!.done).toBe(false);
  });

  // An empty or negative row number in "_ids" once made a problem point at row 0.
  it('a problem never points at row 0 or below', async () => {
    const bytes = await edit(exported, (workbook) => {
      workbook.getWorksheet(SHEET.ids)!.getCell(idsRowOf(workbook, SHEET.plan, '2', null), 2).value = null;
      workbook.getWorksheet(SHEET.plan)!.spliceRows(sheetRowOf(workbook, SHEET.plan, '2', null), 1);
    });
    const set = planWorkbookChanges(doc, await readPlanWorkbook(bytes));
    expect(set.problems.length).toBeGreaterThan(0);
    for (const problem of set.problems) if (problem.row !== null) expect(problem.row).toBeGreaterThanOrEqual(1);
  });

  // OOXML reads "_xHHHH_" in a string as an escaped character; a literal one ("_x000D_" is a common
  // leftover of text pasted from other exports) once came back changed, so an untouched workbook
  // previewed changes nobody made.
  it('an untouched export of text holding "_x000D_" or "_x0041_" imports with no changes', async () => {
    const plan = structuredClone(doc);
    plan.actions[0]!.achievement = 'Claim 1 in_x000D_Claim 2 due';
    plan.actions[1]!.nextSteps[0]!.text = 'Ask about form _x0041_';
    plan.actions[1]!.nextSteps[0]!.leads = [{ name: 'Team_x000D_B' }];
    const set = planWorkbookChanges(plan, await readPlanWorkbook(await writePlanWorkbook(plan, TODAY, { now: NOW })));
    expect(set.problems).toEqual([]);
    expect(set.changes).toEqual([]);
  });
});
