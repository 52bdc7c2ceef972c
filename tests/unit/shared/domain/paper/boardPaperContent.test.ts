import { describe, expect, it } from 'vitest';
import { demoDocument } from '../../../../../electron/core/demoPlan';
import {
  buildPaperContent,
  describeMovement,
  formatPaperDate,
  formatShortPaperDate,
  hasPaperFigures,
  paperFigures,
  paperFiguresOnce,
  paperInputFromTemplate,
  paperScopeKey,
  paperInputSchema,
  summaryText,
  snapshotOf,
} from '../../../../../shared/domain/boardPaperContent';
import type { PaperInput } from '../../../../../shared/domain/boardPaperContent';
import { isDueBeforeNextBoard, isOverdue } from '../../../../../shared/domain/derived';
import { formatMeasureValue, latestValue, meetsTarget, trendOf } from '../../../../../shared/domain/measures';
import { unreviewedUpdates } from '../../../../../shared/domain/reviews';
import type { Action, NextStep } from '../../../../../shared/model/action';
import { STATUS_LABELS } from '../../../../../shared/model/action';
import type { BoardPaperRecord, PaperSnapshot } from '../../../../../shared/model/boardPaper';
import type { Assessment } from '../../../../../shared/model/matrix';
import type { Measure } from '../../../../../shared/model/measure';
import type { PlanDocument } from '../../../../../shared/model/plan';
import type { Review } from '../../../../../shared/model/review';
import type { UpdateLogEntry } from '../../../../../shared/model/updateLog';

const TODAY = '2026-11-24';
const MEETING = '2027-01-21';

const ALL_SECTIONS = {
  matrix: true,
  counts: true,
  completedSinceLast: true,
  overdueAndDueSoon: true,
  measures: false,
  appendix: true,
};

function input(overrides: Partial<PaperInput> = {}): PaperInput {
  return {
    meetingDate: MEETING,
    board: "Education and Children's Services Scrutiny Board",
    subject: 'Early Help and Partnership Working',
    purpose: ['To bring the board up to date with progress on Early Help and Prevention.'],
    recommendationsIntro: 'The board are recommended to:',
    recommendations: ['Consider the note', 'Receive further reports', 'Identify further recommendations'],
    authors: [
      {
        name: 'Alex Brennan',
        jobTitle: 'Head of Service',
        organisation: 'Northbridge City Council',
        contact: 'alex@example.org',
      },
    ],
    sections: { ...ALL_SECTIONS },
    listLimit: 15,
    subjectLabel: 'Subject',
    narrative: [],
    extraAppendices: [],
    ...overrides,
  };
}

function step(overrides: Partial<NextStep> & { id: string }): NextStep {
  return { text: 'A next step', leads: [], timescale: { text: '', due: null }, done: false, ...overrides };
}

function action(overrides: Partial<Action> & { id: string; number: string }): Action {
  return {
    areaId: 'service-delivery',
    description: `Action ${overrides.number}`,
    achievement: '',
    risks: '',
    boardComment: '',
    nextSteps: [],
    leads: [],
    timescale: { text: 'Ongoing', due: null },
    progressLevel: 1,
    status: 'on_track',
    targetLevel: null,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}

function assessment(areaId: string, level: 1 | 2 | 3 | 4, date: string): Assessment {
  return {
    id: `as-${areaId}-${date}`,
    areaId,
    level,
    date,
    evidence: '',
    assessedBy: 'Board',
    recordedAt: `${date}T10:00:00.000Z`,
  };
}

/** The board the papers below were issued to; "since the last paper" compares with papers to the same board. */
const PAPER_BOARD = 'Early Help Strategic Partnership Board';

/** An issued paper; a snapshot without its completed list has it read from the statuses. */
function paper(
  snapshot: Omit<PaperSnapshot, 'completed'> & Partial<PaperSnapshot>,
  meetingDate = '2026-07-16',
  board = PAPER_BOARD,
): BoardPaperRecord {
  const producedAt = `${meetingDate}T09:00:00.000Z`;
  const completed = Object.keys(snapshot.statuses).filter((id) => snapshot.statuses[id] === 'complete');
  return {
    id: `paper-${meetingDate}`,
    producedAt,
    meetingDate,
    board,
    templateId: 'scrutiny-briefing',
    subject: 'Early Help',
    purpose: ['Update'],
    recommendationsIntro: '',
    recommendations: ['Note'],
    authors: [],
    sections: { ...ALL_SECTIONS },
    files: [],
    snapshot: { completed, ...snapshot },
    state: 'issued',
    checksums: [],
    issuedAt: producedAt,
    issuedBy: null,
    withdrawal: null,
    subjectLabel: 'Subject',
    narrative: [],
    extraAppendices: [],
  };
}

function measure(overrides: Partial<Measure> & { id: string }): Measure {
  return {
    name: `Measure ${overrides.id}`,
    description: '',
    direction: 'maximise',
    unit: 'percent',
    target: 70,
    baseline: { date: '2025-03-31', value: 61 },
    values: [],
    areaIds: [],
    actionIds: [],
    ...overrides,
  };
}

let logCounter = 0;
function logEntry(actionId: string, at: string, field = 'status'): UpdateLogEntry {
  logCounter += 1;
  return {
    id: `log-${logCounter}`,
    actionId,
    actionNumber: '',
    at,
    by: 'A Lead',
    field,
    old: '"on_track"',
    new: '"at_risk"',
  };
}

function review(actionId: string, upTo: string): Review {
  return { id: `rev-${actionId}-${upTo}`, actionId, at: upTo, upTo, by: 'A Manager', outcome: 'reviewed', comment: '' };
}

/** The demo plan's matrix and people with the actions, assessments, papers, measures and log a test needs. */
function smallDoc(parts: {
  actions?: Action[];
  assessments?: Assessment[];
  papers?: BoardPaperRecord[];
  measures?: Measure[];
  updateLog?: UpdateLogEntry[];
  reviews?: Review[];
}): PlanDocument {
  const demo = demoDocument();
  return {
    ...demo,
    actions: parts.actions ?? [],
    assessments: parts.assessments ?? [],
    papers: parts.papers ?? [],
    measures: parts.measures ?? [],
    updateLog: parts.updateLog ?? [],
    reviews: parts.reviews ?? [],
  };
}

describe('formatPaperDate', () => {
  it('writes the ordinal day, the month in full and the year, as council papers do', () => {
    expect(formatPaperDate('2016-07-21')).toBe('21st July 2016');
    expect(formatPaperDate('2025-02-05')).toBe('5th February 2025');
    expect(formatPaperDate('2027-01-01')).toBe('1st January 2027');
    expect(formatPaperDate('2027-01-02')).toBe('2nd January 2027');
    expect(formatPaperDate('2027-01-03')).toBe('3rd January 2027');
    expect(formatPaperDate('2027-01-11')).toBe('11th January 2027');
    expect(formatPaperDate('2027-01-12')).toBe('12th January 2027');
    expect(formatPaperDate('2027-01-13')).toBe('13th January 2027');
    expect(formatPaperDate('2027-01-22')).toBe('22nd January 2027');
    expect(formatPaperDate('2027-01-23')).toBe('23rd January 2027');
    expect(formatPaperDate('2026-12-31')).toBe('31st December 2026');
  });
});

describe('summaryText', () => {
  it('keeps short text, and long text with no short first sentence whole: never cut with an ellipsis', () => {
    expect(summaryText('Short enough.')).toBe('Short enough.');
    const long = 'word '.repeat(100).trim();
    expect(summaryText(long, 60)).toBe(long);
    const longSentence = `${'A very long opening sentence '.repeat(5)}ends here. Then more.`;
    expect(summaryText(longSentence, 60)).toBe(longSentence);
  });

  it('prefers the first sentence when it fits', () => {
    expect(summaryText(`Implement phase two of the programme. ${'More detail follows here. '.repeat(20)}`, 80)).toBe(
      'Implement phase two of the programme.',
    );
  });
});

describe('paperInputSchema', () => {
  it('accepts a paper made from a template and refuses what a template would refuse', () => {
    expect(paperInputSchema.safeParse(input()).success).toBe(true);
    expect(paperInputSchema.safeParse(input({ purpose: [] })).success).toBe(false);
    expect(paperInputSchema.safeParse(input({ recommendations: [] })).success).toBe(false);
    expect(paperInputSchema.safeParse(input({ meetingDate: '21/01/2027' })).success).toBe(false);
    expect(paperInputSchema.safeParse(input({ board: '  ' })).success).toBe(false);
    expect(paperInputSchema.safeParse({ ...input(), extra: true }).success).toBe(false);
  });
});

describe('buildPaperContent: front page', () => {
  it('prints the To / Date / Subject header with the date written out', () => {
    const content = buildPaperContent(demoDocument(), input(), TODAY);
    expect(content.header).toEqual({
      organisation: 'Northbridge City Council',
      to: "Education and Children's Services Scrutiny Board",
      date: MEETING,
      dateText: '21st January 2027',
      subjectLabel: 'Subject',
      subject: 'Early Help and Partnership Working',
    });
    expect(content.asOfText).toBe('24th November 2026');
  });

  it('numbers purpose paragraphs 1.1, 1.2, ... and, after an intro 2.1, recommendations 1), 2), 3)', () => {
    const content = buildPaperContent(demoDocument(), input({ purpose: ['First', 'Second'] }), TODAY);
    expect(content.purpose).toEqual([
      { number: '1.1', text: 'First' },
      { number: '1.2', text: 'Second' },
    ]);
    expect(content.recommendations.intro).toEqual({ number: '2.1', text: 'The board are recommended to:' });
    expect(content.recommendations.items.map((item) => item.number)).toEqual(['1)', '2)', '3)']);
  });

  it('numbers recommendations 2.1, 2.2, ... when there is no intro', () => {
    const content = buildPaperContent(
      demoDocument(),
      input({ recommendationsIntro: '  ', recommendations: ['That a', 'That b', 'That c', 'That d'] }),
      TODAY,
    );
    expect(content.recommendations.intro).toBeNull();
    expect(content.recommendations.items).toEqual([
      { number: '2.1', text: 'That a' },
      { number: '2.2', text: 'That b' },
      { number: '2.3', text: 'That c' },
      { number: '2.4', text: 'That d' },
    ]);
  });

  it('lists the action plan as Appendix 1 only when the paper has the appendix', () => {
    expect(buildPaperContent(demoDocument(), input(), TODAY).appendices).toEqual([
      { label: 'Appendix 1', title: 'Action plan', note: '' },
    ]);
    const without = buildPaperContent(demoDocument(), input({ sections: { ...ALL_SECTIONS, appendix: false } }), TODAY);
    expect(without.appendices).toEqual([]);
    expect(without.appendix).toBeNull();
  });

  it('leaves out the parts the paper does not ask for', () => {
    const none = {
      matrix: false,
      counts: false,
      completedSinceLast: false,
      overdueAndDueSoon: false,
      measures: false,
      appendix: false,
    };
    expect(buildPaperContent(demoDocument(), input({ sections: none }), TODAY).progress).toBeNull();
    const onlyMatrix = buildPaperContent(demoDocument(), input({ sections: { ...none, matrix: true } }), TODAY);
    expect(onlyMatrix.progress?.matrix).not.toBeNull();
    expect(onlyMatrix.progress?.counts).toBeNull();
    expect(onlyMatrix.progress?.completedSinceLast).toBeNull();
    expect(onlyMatrix.progress?.overdue).toBeNull();
    expect(onlyMatrix.progress?.dueBeforeMeeting).toBeNull();
    expect(onlyMatrix.progress?.measures).toBeNull();
    expect(onlyMatrix.progress?.unreviewed).toBeNull();
    const onlyMeasures = buildPaperContent(demoDocument(), input({ sections: { ...none, measures: true } }), TODAY);
    expect(onlyMeasures.progress).not.toBeNull();
    expect(onlyMeasures.progress?.measures).toHaveLength(demoDocument().measures.length);
    expect(onlyMeasures.progress?.matrix).toBeNull();
    expect(onlyMeasures.progress?.counts).toBeNull();
  });

  it('builds template input from a template', () => {
    const content = buildPaperContent(
      demoDocument(),
      paperInputFromTemplate(
        {
          id: 't',
          name: 'T',
          description: '',
          boardName: 'Health and Wellbeing Board',
          subject: 'Early Help',
          purpose: ['P1', 'P2'],
          recommendationsIntro: '',
          recommendations: ['R1'],
          authors: [],
          sections: { ...ALL_SECTIONS },
          listLimit: 15,
          subjectLabel: 'Subject',
          narrative: [],
          extraAppendices: [],
        },
        MEETING,
      ),
      TODAY,
    );
    expect(content.header.to).toBe('Health and Wellbeing Board');
    expect(content.purpose.map((item) => item.number)).toEqual(['1.1', '1.2']);
  });
});

describe('buildPaperContent: maturity matrix', () => {
  it("gives each area its current level, the last paper's level and the movement in words", () => {
    const doc = smallDoc({
      assessments: [
        assessment('service-delivery', 1, '2026-03-01'),
        assessment('service-delivery', 2, '2026-09-01'),
        assessment('integrated-service-delivery', 2, '2026-09-01'),
        assessment('workforce-development', 2, '2026-03-01'),
        assessment('integrated-performance-management', 1, '2026-09-01'),
      ],
      papers: [
        paper({ levels: { 'service-delivery': 3, 'integrated-service-delivery': 1 }, statuses: {} }, '2026-01-15'),
        paper(
          {
            levels: {
              'service-delivery': 1,
              'integrated-service-delivery': 3,
              'workforce-development': 2,
              'integrated-performance-management': null,
            },
            statuses: {},
          },
          '2026-07-16',
        ),
      ],
    });
    const matrix = buildPaperContent(doc, input({ board: PAPER_BOARD }), TODAY).progress!.matrix!;
    expect(matrix.levels.map((level) => level.name)).toEqual([
      'Basic level',
      'Early progress',
      'Substantial progress',
      'Maturity',
    ]);
    const byArea = Object.fromEntries(matrix.rows.map((row) => [row.areaId, row]));
    expect(byArea['service-delivery']).toMatchObject({
      level: 2,
      levelName: 'Early progress',
      previousLevel: 1,
      movement: 'up',
      movementText: 'Up from 1',
    });
    expect(byArea['integrated-service-delivery']).toMatchObject({
      level: 2,
      previousLevel: 3,
      movement: 'down',
      movementText: 'Down from 3',
    });
    expect(byArea['workforce-development']).toMatchObject({
      level: 2,
      previousLevel: 2,
      movement: 'unchanged',
      movementText: 'No change',
    });
    expect(byArea['integrated-performance-management']).toMatchObject({
      level: 1,
      previousLevel: null,
      movement: 'new',
      movementText: 'First assessment',
    });
    expect(byArea.governance).toMatchObject({
      level: null,
      levelName: null,
      previousLevel: null,
      movement: 'new',
      movementText: 'Not yet assessed',
    });
    expect(matrix.rows.map((row) => row.areaName)).toEqual(doc.matrix.areas.map((area) => area.name));
  });

  it('reports every assessed area as a first assessment when there is no earlier paper', () => {
    const doc = { ...demoDocument(), papers: [] };
    const content = buildPaperContent(doc, input(), TODAY);
    expect(content.previousPaper).toBeNull();
    for (const row of content.progress!.matrix!.rows) {
      expect(row.previousLevel).toBeNull();
      expect(row.movement).toBe('new');
    }
  });

  it('describes each kind of movement without relying on a symbol', () => {
    expect(describeMovement(3, 2)).toEqual({ movement: 'up', text: 'Up from 2' });
    expect(describeMovement(1, 4)).toEqual({ movement: 'down', text: 'Down from 4' });
    expect(describeMovement(2, 2)).toEqual({ movement: 'unchanged', text: 'No change' });
    expect(describeMovement(2, null)).toEqual({ movement: 'new', text: 'First assessment' });
    expect(describeMovement(null, 3)).toEqual({ movement: 'new', text: 'Not assessed now (was 3)' });
  });
});

describe('buildPaperContent: counts, completions and dates', () => {
  it('counts actions by status and by area in the matrix order', () => {
    const doc = demoDocument();
    const counts = buildPaperContent(doc, input(), TODAY).progress!.counts!;
    expect(counts.total).toBe(doc.actions.length);
    expect(counts.byStatus.map((item) => item.status)).toEqual([
      'not_started',
      'on_track',
      'at_risk',
      'off_track',
      'complete',
    ]);
    expect(counts.byStatus.map((item) => item.label)).toEqual(Object.values(STATUS_LABELS));
    for (const item of counts.byStatus) {
      expect(item.count).toBe(doc.actions.filter((candidate) => candidate.status === item.status).length);
    }
    expect(counts.byArea.map((area) => area.areaId)).toEqual(doc.matrix.areas.map((area) => area.id));
    expect(counts.byArea.reduce((sum, area) => sum + area.total, 0)).toBe(doc.actions.length);
    const serviceDelivery = counts.byArea[0]!;
    expect(serviceDelivery.total).toBe(
      doc.actions.filter((candidate) => candidate.areaId === 'service-delivery').length,
    );
    expect(serviceDelivery.byStatus.reduce((sum, item) => sum + item.count, 0)).toBe(serviceDelivery.total);
  });

  it('lists as completed since the last paper only actions that were not complete then', () => {
    const doc = smallDoc({
      actions: [
        action({ id: 'a-done-before', number: '1', status: 'complete' }),
        action({ id: 'a-done-now', number: '2', status: 'complete', leads: [{ name: 'Sam Ortega' }] }),
        action({ id: 'a-new-and-done', number: '3', status: 'complete' }),
        action({ id: 'a-open', number: '4', status: 'on_track' }),
      ],
      papers: [
        paper({ levels: {}, statuses: { 'a-done-before': 'complete', 'a-done-now': 'at_risk', 'a-open': 'on_track' } }),
      ],
    });
    const completed = buildPaperContent(doc, input({ board: PAPER_BOARD }), TODAY).progress!.completedSinceLast!;
    expect(completed.map((item) => item.number)).toEqual(['2', '3']);
    expect(completed[0]).toMatchObject({ actionId: 'a-done-now', description: 'Action 2', leads: ['Sam Ortega'] });
  });

  it('lists every complete action as completed when there is no earlier paper', () => {
    const doc = demoDocument();
    const completed = buildPaperContent(doc, input(), TODAY).progress!.completedSinceLast!;
    const complete = doc.actions
      .filter((candidate) => candidate.status === 'complete')
      .map((candidate) => candidate.id);
    expect(complete.length).toBeGreaterThan(0);
    expect(completed.map((item) => item.actionId).sort()).toEqual(complete.sort());
  });

  it('lists overdue work and work due before the meeting, with the step, its leads and the date', () => {
    const doc = smallDoc({
      actions: [
        action({
          id: 'late',
          number: '7',
          description: 'Integrated working between social care and early help.',
          leads: [{ name: 'Ines Marlow' }],
          timescale: { text: 'June 2027', due: '2027-06-30' },
          nextSteps: [
            step({
              id: 's1',
              text: 'Analyse need',
              leads: [{ name: 'Theo Grant' }],
              timescale: { text: 'End of September 26', due: '2026-09-30' },
            }),
            step({ id: 's2', text: 'Already done', timescale: { text: 'August 26', due: '2026-08-31' }, done: true }),
          ],
        }),
        action({ id: 'done-late', number: '8', status: 'complete', timescale: { text: 'July 26', due: '2026-07-31' } }),
        action({
          id: 'soon',
          number: '10',
          leads: [{ name: 'Ines Marlow' }],
          timescale: { text: 'December 26', due: '2026-12-31' },
        }),
        action({ id: 'sooner', number: '9', timescale: { text: 'Beg December 26', due: '2026-12-01' } }),
        action({ id: 'after-meeting', number: '11', timescale: { text: 'March 27', due: '2027-03-31' } }),
        action({ id: 'undated', number: '12' }),
      ],
    });
    const progress = buildPaperContent(doc, input(), TODAY).progress!;
    expect(progress.overdue).toEqual([
      {
        actionId: 'late',
        number: '7',
        description: 'Integrated working between social care and early help.',
        leads: ['Theo Grant', 'Ines Marlow'],
        timescaleText: 'June 2027',
        due: '2026-09-30',
        dueText: '30th September 2026',
        dueItem: 'Analyse need',
      },
    ]);
    expect(progress.dueBeforeMeeting!.map((item) => item.number)).toEqual(['9', '10']);
    expect(progress.dueBeforeMeeting![1]).toMatchObject({
      due: '2026-12-31',
      dueItem: 'The action as a whole',
      leads: ['Ines Marlow'],
    });
  });

  it('agrees with the shared overdue and due-before-board rules on the demo plan', () => {
    const doc = demoDocument();
    const progress = buildPaperContent(doc, input(), TODAY).progress!;
    const overdue = doc.actions.filter((candidate) => isOverdue(candidate, TODAY)).map((candidate) => candidate.id);
    const due = doc.actions
      .filter((candidate) => isDueBeforeNextBoard(candidate, TODAY, MEETING))
      .map((candidate) => candidate.id);
    expect(overdue.length).toBeGreaterThan(0);
    expect(due.length).toBeGreaterThan(0);
    expect(progress.overdue!.map((item) => item.actionId).sort()).toEqual(overdue.sort());
    expect(progress.dueBeforeMeeting!.map((item) => item.actionId).sort()).toEqual(due.sort());
    const dates = progress.overdue!.map((item) => item.due);
    expect(dates).toEqual([...dates].sort());
  });

  it('uses the meeting date of the paper, not the plan\'s next board date, for "due before the meeting"', () => {
    const doc = smallDoc({
      actions: [action({ id: 'x', number: '1', timescale: { text: 'March 27', due: '2027-03-31' } })],
    });
    expect(buildPaperContent(doc, input({ meetingDate: '2027-01-21' }), TODAY).progress!.dueBeforeMeeting).toEqual([]);
    expect(
      buildPaperContent(doc, input({ meetingDate: '2027-04-15' }), TODAY).progress!.dueBeforeMeeting!.map(
        (item) => item.number,
      ),
    ).toEqual(['1']);
  });
});

describe('buildPaperContent: measures', () => {
  const withMeasures = { ...ALL_SECTIONS, measures: true };

  it('prints no measures table unless the paper asks for one', () => {
    expect(buildPaperContent(demoDocument(), input(), TODAY).progress!.measures).toBeNull();
    expect(
      buildPaperContent(demoDocument(), input({ sections: withMeasures }), TODAY).progress!.measures,
    ).not.toBeNull();
  });

  it("gives every demo measure, in the plan's order, the figures and judgements of the shared measure rules", () => {
    const doc = demoDocument();
    expect(doc.measures.length).toBe(7);
    const rows = buildPaperContent(doc, input({ sections: withMeasures }), TODAY).progress!.measures!;
    expect(rows.map((row) => row.measureId)).toEqual(doc.measures.map((item) => item.id));
    const words = {
      improving: 'Improving',
      worsening: 'Worsening',
      unchanged: 'No change',
      no_data: 'Not enough data',
    };
    for (const [index, source] of doc.measures.entries()) {
      const row = rows[index]!;
      const latest = latestValue(source)!;
      expect(row.name).toBe(source.name);
      expect(row.latest).toEqual({
        valueText: formatMeasureValue(source, latest.value),
        dateText: formatShortPaperDate(latest.date),
      });
      expect(row.met).toBe(meetsTarget(source));
      expect(row.metText).toBe(meetsTarget(source) ? 'Met' : 'Not met');
      expect(row.trend).toBe(trendOf(source));
      expect(row.trendText).toBe(words[trendOf(source)]);
      expect(row.baseline).toEqual({
        valueText: formatMeasureValue(source, source.baseline!.value),
        dateText: formatShortPaperDate(source.baseline!.date),
      });
    }
    // The demo plan holds both verdicts and both directions of travel.
    expect(new Set(rows.map((row) => row.metText))).toEqual(new Set(['Met', 'Not met']));
    expect(new Set(rows.map((row) => row.trendText))).toEqual(new Set(['Improving', 'Worsening']));
  });

  it('writes the figures, target, verdict and trend in words, for each direction and each gap in the data', () => {
    const doc = smallDoc({
      measures: [
        measure({
          id: 'contacts',
          name: '% of contacts to social care',
          direction: 'minimise',
          target: 15,
          baseline: { date: '2025-03-31', value: 24 },
          values: [
            { id: 'v3', date: '2026-09-30', value: 14.5, note: '' },
            { id: 'v4', date: '2026-06-30', value: 19, note: '' },
          ],
        }),
        measure({
          id: 'assessments',
          unit: 'count',
          target: 600,
          values: [
            { id: 'v5', date: '2026-06-30', value: 604, note: '' },
            { id: 'v6', date: '2026-09-30', value: 590, note: '' },
          ],
        }),
        measure({
          id: 'flat',
          unit: 'number',
          target: null,
          baseline: null,
          values: [
            { id: 'v7', date: '2026-06-30', value: 48.2, note: '' },
            { id: 'v8', date: '2026-09-30', value: 48.2, note: '' },
          ],
        }),
        measure({ id: 'one-value', values: [{ id: 'v9', date: '2026-09-30', value: 71, note: '' }] }),
        measure({ id: 'empty', values: [] }),
      ],
    });
    const rows = buildPaperContent(doc, input({ sections: { ...ALL_SECTIONS, measures: true } }), TODAY).progress!
      .measures!;
    const byId = Object.fromEntries(rows.map((row) => [row.measureId, row]));
    expect(byId.contacts).toEqual({
      measureId: 'contacts',
      name: '% of contacts to social care',
      latest: { valueText: '14.5%', dateText: '30 Sep 2026' },
      targetText: '15% or less',
      met: true,
      metText: 'Met',
      trend: 'improving',
      trendText: 'Improving',
      baseline: { valueText: '24%', dateText: '31 Mar 2025' },
    });
    expect(byId.assessments).toMatchObject({
      latest: { valueText: '590', dateText: '30 Sep 2026' },
      targetText: '600 or more',
      met: false,
      metText: 'Not met',
      trendText: 'Worsening',
    });
    expect(byId.flat).toMatchObject({
      targetText: 'None set',
      met: null,
      metText: 'No target set',
      trendText: 'No change',
      baseline: null,
    });
    expect(byId['one-value']).toMatchObject({
      met: true,
      metText: 'Met',
      trend: 'no_data',
      trendText: 'Not enough data',
    });
    expect(byId.empty).toMatchObject({
      latest: null,
      met: null,
      metText: 'No figures yet',
      trendText: 'Not enough data',
    });
  });

  it('gives an empty table, not none, when the paper asks for measures and the plan has none', () => {
    const content = buildPaperContent(smallDoc({}), input({ sections: { ...ALL_SECTIONS, measures: true } }), TODAY);
    expect(content.progress!.measures).toEqual([]);
  });

  it('writes short dates for the table', () => {
    expect(formatShortPaperDate('2026-09-30')).toBe('30 Sep 2026');
    expect(formatShortPaperDate('2025-03-01')).toBe('1 Mar 2025');
    expect(formatShortPaperDate('not a date')).toBe('not a date');
  });
});

describe('buildPaperContent: updates not yet reviewed', () => {
  it('lists, on the first paper, every action with unreviewed updates, as the reviews rule counts them', () => {
    const doc = { ...demoDocument(), papers: [] };
    const unreviewed = buildPaperContent(doc, input(), TODAY).progress!.unreviewed!;
    const expected = doc.actions
      .map((item) => ({ id: item.id, count: unreviewedUpdates(doc, item.id).length }))
      .filter((item) => item.count > 0);
    expect(expected.length).toBeGreaterThan(1);
    expect(unreviewed.map((item) => [item.actionId, item.count]).sort()).toEqual(
      expected.map((item) => [item.id, item.count]).sort(),
    );
    expect(unreviewed.find((item) => item.actionId === 'a-07')?.count).toBe(2);
  });

  it("counts only updates after the action's last review and after the last paper was produced", () => {
    const doc = smallDoc({
      actions: [
        action({ id: 'reviewed', number: '1' }),
        action({
          id: 'partly',
          number: '2',
          leads: [{ name: 'Sam Ortega' }],
          description: `Long description. ${'More words here. '.repeat(20)}`,
        }),
        action({ id: 'before-paper', number: '3' }),
        action({ id: 'straddles', number: '10' }),
        action({ id: 'quiet', number: '4' }),
      ],
      updateLog: [
        logEntry('reviewed', '2026-09-01T10:00:00.000Z'),
        logEntry('partly', '2026-09-01T10:00:00.000Z'),
        logEntry('partly', '2026-09-10T10:00:00.000Z'),
        logEntry('partly', '2026-10-01T10:00:00.000Z', 'achievement'),
        logEntry('before-paper', '2026-07-01T10:00:00.000Z'),
        logEntry('straddles', '2026-07-01T10:00:00.000Z'),
        logEntry('straddles', '2026-08-20T10:00:00.000Z'),
      ],
      reviews: [review('reviewed', '2026-09-02T10:00:00.000Z'), review('partly', '2026-09-05T10:00:00.000Z')],
      // Produced on 15 August, after the entries of 1 July.
      papers: [
        {
          ...paper({ levels: {}, statuses: {} }, '2026-08-20'),
          producedAt: '2026-08-15T09:00:00.000Z',
          issuedAt: '2026-08-15T09:00:00.000Z',
        },
      ],
    });
    const unreviewed = buildPaperContent(doc, input({ board: PAPER_BOARD }), TODAY).progress!.unreviewed!;
    expect(unreviewed.map((item) => [item.number, item.count])).toEqual([
      ['2', 2],
      ['10', 1],
    ]);
    expect(unreviewed[0]).toMatchObject({
      actionId: 'partly',
      leads: ['Sam Ortega'],
      description: 'Long description. More words here.',
    });
  });

  it('compares times as instants, whatever their offset', () => {
    const doc = smallDoc({
      actions: [action({ id: 'a', number: '1' })],
      // 08:30 in UTC, written with a +02:00 offset: before the paper produced at 09:00 UTC.
      updateLog: [logEntry('a', '2026-08-15T10:30:00.000+02:00')],
      papers: [
        {
          ...paper({ levels: {}, statuses: {} }),
          producedAt: '2026-08-15T09:00:00.000Z',
          issuedAt: '2026-08-15T09:00:00.000Z',
        },
      ],
    });
    expect(buildPaperContent(doc, input({ board: PAPER_BOARD }), TODAY).progress!.unreviewed).toBeNull();
  });

  it('prints nothing when every update is reviewed or the counts section is off', () => {
    const doc = smallDoc({
      actions: [action({ id: 'a', number: '1' })],
      updateLog: [logEntry('a', '2026-09-01T10:00:00.000Z')],
      reviews: [review('a', '2026-09-01T10:00:00.000Z')],
    });
    expect(buildPaperContent(doc, input(), TODAY).progress!.unreviewed).toBeNull();
    const demo = demoDocument();
    expect(
      buildPaperContent(demo, input({ sections: { ...ALL_SECTIONS, counts: false } }), TODAY).progress!.unreviewed,
    ).toBeNull();
    // It goes with the counts, not with the overdue lists.
    expect(
      buildPaperContent(demo, input({ sections: { ...ALL_SECTIONS, overdueAndDueSoon: false } }), TODAY).progress!
        .unreviewed,
    ).not.toBeNull();
  });
});

describe('buildPaperContent: appendix', () => {
  it('prints every action once, grouped by area in the matrix order, numbered as people read them', () => {
    const doc = smallDoc({
      actions: [
        action({ id: 'g1', number: '3', areaId: 'governance' }),
        action({ id: 's10', number: '10' }),
        action({ id: 's2', number: '2' }),
        action({ id: 's1', number: '1' }),
      ],
      assessments: [assessment('service-delivery', 3, '2026-09-01')],
    });
    const appendix = buildPaperContent(doc, input(), TODAY).appendix!;
    expect(appendix.label).toBe('Appendix 1');
    expect(appendix.title).toBe('Action plan');
    expect(appendix.groups.map((group) => group.areaId)).toEqual(doc.matrix.areas.map((area) => area.id));
    expect(appendix.groups[0]).toMatchObject({
      areaName: 'Service delivery',
      level: 3,
      levelName: 'Substantial progress',
    });
    expect(appendix.groups[0]!.rows.map((row) => row.number)).toEqual(['1', '2', '10']);
    expect(appendix.groups.at(-1)!.rows.map((row) => row.number)).toEqual(['3']);
    expect(appendix.groups[1]!.rows).toEqual([]);
  });

  it('carries each column of the printed plan on the demo plan', () => {
    const doc = demoDocument();
    const appendix = buildPaperContent(doc, input(), TODAY).appendix!;
    const rows = appendix.groups.flatMap((group) => group.rows);
    expect(rows.map((row) => row.actionId).sort()).toEqual(doc.actions.map((candidate) => candidate.id).sort());
    let lastArea = -1;
    for (const group of appendix.groups) {
      const areaIndex = doc.matrix.areas.findIndex((area) => area.id === group.areaId);
      expect(areaIndex).toBeGreaterThan(lastArea);
      lastArea = areaIndex;
      for (const row of group.rows) {
        const source = doc.actions.find((candidate) => candidate.id === row.actionId)!;
        expect(source.areaId).toBe(group.areaId);
        expect(row).toMatchObject({
          areaName: group.areaName,
          level: source.progressLevel,
          number: source.number,
          description: source.description,
          achievement: source.achievement,
          leads: source.leads.map((lead) => lead.name),
          timescaleText: source.timescale.text,
          status: source.status,
          statusLabel: STATUS_LABELS[source.status],
        });
        expect(row.nextSteps).toEqual(
          source.nextSteps.map((item) =>
            expect.objectContaining({
              id: item.id,
              text: item.text,
              leads: item.leads.map((lead) => lead.name),
              timescaleText: item.timescale.text,
              done: item.done,
            }),
          ),
        );
      }
    }
  });

  it('flags open next steps whose date has passed', () => {
    const doc = smallDoc({
      actions: [
        action({
          id: 'a',
          number: '1',
          nextSteps: [
            step({ id: 'late', timescale: { text: 'Sept 26', due: '2026-09-30' } }),
            step({ id: 'late-done', timescale: { text: 'Sept 26', due: '2026-09-30' }, done: true }),
            step({ id: 'future', timescale: { text: 'March 27', due: '2027-03-31' } }),
          ],
        }),
      ],
    });
    const steps = buildPaperContent(doc, input(), TODAY).appendix!.groups[0]!.rows[0]!.nextSteps;
    expect(steps.map((item) => [item.id, item.overdue])).toEqual([
      ['late', true],
      ['late-done', false],
      ['future', false],
    ]);
  });
});

describe('snapshotOf', () => {
  it("records each area's current level (null when never assessed) and each action's status", () => {
    const doc = smallDoc({
      actions: [
        action({ id: 'a1', number: '1', status: 'at_risk' }),
        action({ id: 'a2', number: '2', status: 'complete' }),
      ],
      assessments: [assessment('service-delivery', 1, '2026-03-01'), assessment('service-delivery', 3, '2026-09-01')],
    });
    const snapshot = snapshotOf(doc);
    expect(Object.keys(snapshot.levels)).toEqual(doc.matrix.areas.map((area) => area.id));
    expect(snapshot.levels['service-delivery']).toBe(3);
    expect(snapshot.levels.governance).toBeNull();
    expect(snapshot.statuses).toEqual({ a1: 'at_risk', a2: 'complete' });
  });

  it('makes the next paper report no movement and no new completions when nothing has changed', () => {
    const doc = demoDocument();
    const next: PlanDocument = { ...doc, papers: [paper(snapshotOf(doc))] };
    const content = buildPaperContent(next, input({ board: PAPER_BOARD }), TODAY);
    expect(content.previousPaper).toEqual({
      board: 'Early Help Strategic Partnership Board',
      meetingDate: '2026-07-16',
      meetingDateText: '16th July 2026',
    });
    for (const row of content.progress!.matrix!.rows) {
      expect(row.movement).toBe(row.level === null ? 'new' : 'unchanged');
    }
    expect(content.progress!.completedSinceLast).toEqual([]);
    expect(content.progress!.intro.text).toContain('16th July 2026');
  });
});

describe('buildPaperContent: the appendix', () => {
  it("carries each action's commentary on risks and issues and its comment for the board, and the matrix for the key and grid even when the front pages leave it out", () => {
    const doc = demoDocument();
    const content = buildPaperContent(doc, input({ sections: { ...ALL_SECTIONS, matrix: false } }), TODAY);
    expect(content.progress?.matrix).toBeNull();
    const rows = content.appendix!.groups.flatMap((group) => group.rows);
    for (const action of doc.actions) {
      const row = rows.find((candidate) => candidate.actionId === action.id)!;
      expect(row.risks).toBe(action.risks);
      expect(row.boardComment).toBe(action.boardComment);
    }
    expect(rows.some((row) => row.risks.trim())).toBe(true);
    expect(rows.some((row) => row.boardComment.trim())).toBe(true);
    const { matrix } = content.appendix!;
    expect(matrix.levels.map((level) => level.name)).toEqual(doc.matrix.levels.map((level) => level.name));
    expect(matrix.rows.map((row) => row.areaName)).toEqual(doc.matrix.areas.map((area) => area.name));
    expect(matrix.rows.map((row) => row.descriptors)).toEqual(doc.matrix.areas.map((area) => area.descriptors));
    expect(matrix.rows.every((row) => row.level !== null)).toBe(true);
  });
});

describe('the figures worked out once per plan, day and scope', () => {
  it('key a scope by what the figures depend on, not by the words of the paper or the order of the sections', () => {
    const key = paperScopeKey(input());
    expect(paperScopeKey(input({ subject: 'Another subject', purpose: ['Other words.'] }))).toBe(key);
    const reordered = Object.fromEntries(Object.entries(ALL_SECTIONS).reverse()) as typeof ALL_SECTIONS;
    expect(paperScopeKey(input({ sections: reordered }))).toBe(key);
    for (const changed of [
      input({ board: 'Another board' }),
      input({ meetingDate: '2027-03-18' }),
      input({ sections: { ...ALL_SECTIONS, measures: true } }),
      input({ listLimit: 5 }),
      input({ baselinePaperId: 'paper-1' }),
    ])
      expect(paperScopeKey(changed)).not.toBe(key);
  });

  it('rebuild nothing for a scope already shown on the same plan and day, and the same figures as worked out afresh', () => {
    const doc = demoDocument();
    const key = paperScopeKey(input());
    expect(hasPaperFigures(doc, TODAY, key)).toBe(false);
    const first = paperFiguresOnce(doc, TODAY, key);
    expect(first).toEqual(paperFigures(doc, TODAY, input()));
    expect(hasPaperFigures(doc, TODAY, key)).toBe(true);
    expect(paperFiguresOnce(doc, TODAY, key)).toBe(first);
    expect(paperFiguresOnce(doc, TODAY, paperScopeKey(input({ subject: 'Other words' })))).toBe(first);

    expect(hasPaperFigures(doc, '2026-11-25', key)).toBe(false);
    const changed = { ...doc, actions: doc.actions.map((item, index) => (index === 0 ? { ...item } : item)) };
    expect(hasPaperFigures(changed, TODAY, key)).toBe(false);
    expect(paperFiguresOnce(changed, TODAY, key)).not.toBe(first);
  });

  it('keep a few scopes per plan, so typing a board name letter by letter does not keep a copy per letter', () => {
    const doc = demoDocument();
    const keys = 'Health and Wellbeing'
      .split('')
      .map((_, index, letters) => paperScopeKey(input({ board: letters.slice(0, index + 1).join('') })));
    for (const key of keys) paperFiguresOnce(doc, TODAY, key);
    expect(keys.filter((key) => hasPaperFigures(doc, TODAY, key))).toEqual(keys.slice(-8));
  });
});
