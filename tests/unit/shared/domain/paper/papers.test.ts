import { describe, expect, it } from 'vitest';
import { buildPaperContent, snapshotOf } from '../../../../../shared/domain/boardPaperContent';
import type { PaperInput } from '../../../../../shared/domain/boardPaperContent';
import {
  allPapers,
  baselineFor,
  comparablePapers,
  discardDraft,
  draftFor,
  issuePaper,
  paperDifferences,
  paperHistory,
  saveDraft,
  withdrawPaper,
} from '../../../../../shared/domain/papers';
import type { PaperActor } from '../../../../../shared/domain/papers';
import type { BoardPaperRecord } from '../../../../../shared/model/boardPaper';
import type { PlanDocument } from '../../../../../shared/model/plan';
import { planDocumentSchema } from '../../../../../shared/model/plan';
import { makeDocument } from '../../../../support/fixtures';

const BOARD = 'Early Help Board';
const OTHER_BOARD = 'Health and Wellbeing Board';
const TODAY = '2016-10-01';
const SECRETARY: PaperActor = {
  now: '2016-07-20T09:00:00.000Z',
  by: { name: 'Board Secretary', personId: 'person-2', login: 'sec01' },
};

function input(meetingDate: string, board = BOARD): PaperInput {
  return {
    meetingDate,
    board,
    listLimit: 15,
    subjectLabel: 'Subject',
    narrative: [],
    extraAppendices: [],
    subject: 'Early Help',
    purpose: ['To update the board'],
    recommendationsIntro: '',
    recommendations: ['Note the report'],
    authors: [],
    sections: {
      matrix: true,
      counts: true,
      completedSinceLast: true,
      overdueAndDueSoon: true,
      measures: false,
      appendix: false,
    },
  };
}

/** What an export records: a draft of the plan as it is now. */
function exported(doc: PlanDocument, id: string, meetingDate: string, board = BOARD): BoardPaperRecord {
  return {
    id,
    producedAt: '2016-07-10T09:00:00.000Z',
    templateId: 'tpl',
    ...input(meetingDate, board),
    files: [],
    snapshot: snapshotOf(doc),
    state: 'draft',
    checksums: [],
    issuedAt: null,
    issuedBy: null,
    withdrawal: null,
    subjectLabel: 'Subject',
    narrative: [],
    extraAppendices: [],
  };
}

function complete(doc: PlanDocument, actionId: string): PlanDocument {
  return {
    ...doc,
    actions: doc.actions.map((action) =>
      action.id === actionId ? { ...action, status: 'complete' as const } : action,
    ),
  };
}

function completedNumbers(doc: PlanDocument, meetingDate: string, board = BOARD, chosen?: string): string[] {
  const paper = input(meetingDate, board);
  return buildPaperContent(
    doc,
    chosen === undefined ? paper : { ...paper, baselinePaperId: chosen },
    TODAY,
  ).progress!.completedSinceLast!.map((item) => item.number);
}

/** The July paper issued to the board, then action 2 completed. */
function julyIssuedThenCompleted(): PlanDocument {
  const start = makeDocument();
  const july = issuePaper(saveDraft(start, exported(start, 'july', '2016-07-21')), 'july', SECRETARY);
  return complete(july, 'action-2');
}

describe('papers: re-exporting for the same meeting', () => {
  it('keeps one draft, compares with the last issued paper and still lists what was completed since', () => {
    const doc = julyIssuedThenCompleted();
    const once = saveDraft(doc, exported(doc, 'sept-1', '2016-09-15'));
    const twice = saveDraft(once, exported(once, 'sept-2', '2016-09-15'));

    expect(twice.papers.map((paper) => [paper.id, paper.state])).toEqual([
      ['july', 'issued'],
      ['sept-1', 'draft'],
    ]);
    expect(baselineFor(twice, BOARD, '2016-09-15')?.id).toBe('july');
    expect(completedNumbers(twice, '2016-09-15')).toEqual(['2']);
    const content = buildPaperContent(twice, input('2016-09-15'), TODAY);
    expect(content.previousPaper).toMatchObject({ meetingDate: '2016-07-21' });
    expect(planDocumentSchema.safeParse(twice).success).toBe(true);
  });

  it('keeps the workbook of the first export when only the Word note is exported again', () => {
    const doc = julyIssuedThenCompleted();
    const file = (path: string, digit: string) => ({ path, sha256: digit.repeat(64) });
    const both = {
      ...exported(doc, 'sept-1', '2016-09-15'),
      files: ['/p/note.docx', '/p/plan.xlsx'],
      checksums: [file('/p/note.docx', 'a'), file('/p/plan.xlsx', 'b')],
    };
    const wordOnly = {
      ...exported(doc, 'sept-2', '2016-09-15'),
      files: ['/p/note (2).docx'],
      checksums: [file('/p/note (2).docx', 'c')],
    };
    const draft = saveDraft(saveDraft(doc, both), wordOnly).papers.find((paper) => paper.state === 'draft')!;
    expect(draft.files).toEqual(['/p/plan.xlsx', '/p/note (2).docx']);
    expect(draft.checksums.map((checksum) => checksum.sha256[0])).toEqual(['b', 'c']);
  });

  it('freezes a draft when it is issued, and a later meeting compares with it', () => {
    const doc = julyIssuedThenCompleted();
    const issued = issuePaper(saveDraft(doc, exported(doc, 'sept', '2016-09-15')), 'sept', SECRETARY);
    expect(issued.papers[1]).toMatchObject({ state: 'issued', issuedAt: SECRETARY.now, issuedBy: SECRETARY.by });
    expect(() => saveDraft(issued, { ...issued.papers[1]! })).toThrow(/Only a draft/);
    expect(() => issuePaper(issued, 'sept', SECRETARY)).toThrow(/already been issued/);
    expect(baselineFor(issued, BOARD, '2016-11-17')?.id).toBe('sept');
    expect(completedNumbers(issued, '2016-11-17')).toEqual([]);
    // Another draft for an issued meeting is allowed (a correction), but cannot be issued beside the first.
    const correction = saveDraft(issued, exported(issued, 'sept-fix', '2016-09-15'));
    expect(() => issuePaper(correction, 'sept-fix', SECRETARY)).toThrow(/Withdraw it/);
  });

  it('discards a draft, but never an issued paper', () => {
    const doc = julyIssuedThenCompleted();
    const drafted = saveDraft(doc, exported(doc, 'sept', '2016-09-15'));
    expect(discardDraft(drafted, 'sept').papers.map((paper) => paper.id)).toEqual(['july']);
    expect(() => discardDraft(drafted, 'july')).toThrow(/withdraw it instead/);
  });
});

describe('papers: withdrawal', () => {
  it('keeps a withdrawn paper in the history but never compares with it', () => {
    const start = makeDocument();
    const may = issuePaper(saveDraft(start, exported(start, 'may', '2016-05-19')), 'may', SECRETARY);
    const withJuly = issuePaper(
      saveDraft(may, exported(complete(may, 'action-2'), 'july', '2016-07-21')),
      'july',
      SECRETARY,
    );
    expect(baselineFor(withJuly, BOARD, '2016-09-15')?.id).toBe('july');

    const withdrawn = withdrawPaper(withJuly, 'july', '  Wrong figures in the matrix  ', SECRETARY);
    const july = withdrawn.papers.find((paper) => paper.id === 'july')!;
    expect(july).toMatchObject({
      state: 'withdrawn',
      withdrawal: { reason: 'Wrong figures in the matrix', at: SECRETARY.now, by: SECRETARY.by },
    });
    expect(baselineFor(withdrawn, BOARD, '2016-09-15')?.id).toBe('may');
    const now = complete(withdrawn, 'action-2');
    expect(completedNumbers(now, '2016-09-15')).toEqual(['2']);
    expect(() => baselineFor(now, BOARD, '2016-09-15', 'july')).toThrow(/withdrawn/);
    expect(paperHistory(withdrawn).map((paper) => [paper.id, paper.state])).toEqual([
      ['may', 'issued'],
      ['july', 'withdrawn'],
    ]);
    expect(planDocumentSchema.safeParse(withdrawn).success).toBe(true);
  });

  it('refuses to withdraw without a reason, a draft, or a paper withdrawn already', () => {
    const doc = julyIssuedThenCompleted();
    expect(() => withdrawPaper(doc, 'july', '   ', SECRETARY)).toThrow(/Say why/);
    const drafted = saveDraft(doc, exported(doc, 'sept', '2016-09-15'));
    expect(() => withdrawPaper(drafted, 'sept', 'typo', SECRETARY)).toThrow(/discard it instead/);
    const withdrawn = withdrawPaper(doc, 'july', 'typo', SECRETARY);
    expect(() => withdrawPaper(withdrawn, 'july', 'again', SECRETARY)).toThrow(/already been withdrawn/);
  });
});

describe('papers: two boards', () => {
  it('gives each board its own baseline, and compares with another board only when chosen', () => {
    const start = makeDocument();
    const early = issuePaper(saveDraft(start, exported(start, 'eh-july', '2016-07-21')), 'eh-july', SECRETARY);
    const afterCompletion = complete(early, 'action-2');
    const both = issuePaper(
      saveDraft(afterCompletion, exported(afterCompletion, 'hwb-aug', '2016-08-10', OTHER_BOARD)),
      'hwb-aug',
      SECRETARY,
    );

    expect(baselineFor(both, BOARD, '2016-09-15')?.id).toBe('eh-july');
    expect(baselineFor(both, OTHER_BOARD, '2016-10-12')?.id).toBe('hwb-aug');
    expect(baselineFor(both, 'early help board ', '2016-09-15')?.id).toBe('eh-july');
    // The matrix view compares with the last paper issued to any board.
    expect(baselineFor(both, null, '2016-09-15')?.id).toBe('hwb-aug');
    expect(baselineFor(both, null, '2016-08-01')?.id).toBe('eh-july');
    expect(completedNumbers(both, '2016-09-15')).toEqual(['2']);
    expect(completedNumbers(both, '2016-10-12', OTHER_BOARD)).toEqual([]);
    expect(completedNumbers(both, '2016-09-15', BOARD, 'hwb-aug')).toEqual([]);
    // Not a paper issued for a meeting on or after this one.
    expect(baselineFor(both, BOARD, '2016-07-21')).toBeNull();
    expect(() => baselineFor(both, BOARD, '2016-07-21', 'eh-july')).toThrow(/not for an earlier meeting/);
  });
});

describe('papers: what the board paper and history screens list', () => {
  it("finds this meeting's draft, the issued papers to compare with, and every paper for the history", () => {
    const start = makeDocument();
    const early = issuePaper(saveDraft(start, exported(start, 'eh-july', '2016-07-21')), 'eh-july', SECRETARY);
    const other = issuePaper(
      saveDraft(early, exported(early, 'hwb-aug', '2016-08-10', OTHER_BOARD)),
      'hwb-aug',
      SECRETARY,
    );
    const withDraft = saveDraft(other, exported(other, 'eh-sept', '2016-09-15'));

    expect(draftFor(withDraft, 'early help board', '2016-09-15')?.id).toBe('eh-sept');
    expect(draftFor(withDraft, BOARD, '2016-07-21')).toBeNull();
    expect(comparablePapers(withDraft, '2016-09-15').map((paper) => paper.id)).toEqual(['hwb-aug', 'eh-july']);
    expect(comparablePapers(withDraft, '2016-08-10').map((paper) => paper.id)).toEqual(['eh-july']);
    expect(allPapers(withDraft).map((paper) => [paper.id, paper.state])).toEqual([
      ['eh-july', 'issued'],
      ['hwb-aug', 'issued'],
      ['eh-sept', 'draft'],
    ]);
  });
});

describe('paperDifferences', () => {
  it('lists levels moved, statuses changed and actions completed between two papers', () => {
    const start = makeDocument();
    const before = { snapshot: snapshotOf(start) };
    const moved: PlanDocument = {
      ...complete(start, 'action-2'),
      actions: complete(start, 'action-2').actions.filter((action) => action.id !== 'action-3'),
      assessments: [
        ...start.assessments,
        { ...start.assessments[0]!, id: 'a-new', level: 4, date: '2016-06-30', recordedAt: '2016-06-30T10:00:00.000Z' },
      ],
    };
    const after = { snapshot: snapshotOf(moved) };
    const areaId = start.assessments[0]!.areaId;
    const differences = paperDifferences(before, after);
    expect(differences.levels).toEqual([{ areaId, from: before.snapshot.levels[areaId], to: 4 }]);
    expect(differences.statuses).toEqual([
      { actionId: 'action-2', from: 'at_risk', to: 'complete' },
      { actionId: 'action-3', from: 'not_started', to: null },
    ]);
    expect(differences.completed).toEqual(['action-2']);
    expect(paperDifferences(after, after)).toEqual({ levels: [], statuses: [], completed: [] });
  });
});
