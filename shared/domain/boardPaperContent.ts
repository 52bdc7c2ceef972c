import { z } from 'zod';
import type { Action, ActionStatus } from '../model/action';
import { ACTION_STATUSES, STATUS_LABELS } from '../model/action';
import type { PaperAuthor, PaperSections, PaperSnapshot, PaperTemplate, SubjectLabel } from '../model/boardPaper';
import { boardPaperRecordSchema, paperTemplateSchema } from '../model/boardPaper';
import type { LevelNumber } from '../model/matrix';
import type { PlanDocument } from '../model/plan';
import type { IsoDate } from '../model/primitives';
import { idSchema } from '../model/primitives';
import type { Measure } from '../model/measure';
import { countByStatus, currentLevels, isDueBeforeNextBoard, isOverdue, isStepOverdue, nextDueDate } from './derived';
import { groupByArea } from './filters';
import { formatMeasureValue, latestValue, meetsTarget, trendOf } from './measures';
import type { Trend } from './measures';
import { unreviewedCountsSince } from './reviews';
import { formatIsoDate } from './dates';
import { baselineFor } from './papers';

/**
 * What the person producing a paper chooses: the meeting, the words of the front page and which parts to
 * print. A template fills it in; the record saved after export repeats it.
 */
export const paperInputSchema = boardPaperRecordSchema
  .pick({
    meetingDate: true,
    board: true,
    subject: true,
    recommendationsIntro: true,
    authors: true,
    sections: true,
    subjectLabel: true,
    narrative: true,
    extraAppendices: true,
  })
  .extend({
    purpose: paperTemplateSchema.shape.purpose,
    recommendations: paperTemplateSchema.shape.recommendations,
    listLimit: paperTemplateSchema.shape.listLimit,
    /** An issued paper chosen to compare with instead of the last one issued to the same board. */
    baselinePaperId: idSchema.optional(),
  })
  .strict();
export type PaperInput = z.infer<typeof paperInputSchema>;

/**
 * What a new paper starts from: this meeting's draft if there is one, else the words of the last paper
 * made with the same template, so a secretary edits last time's text rather than retyping it; the
 * template's own words the first time. A withdrawn paper's words are not offered again.
 */
export function startingPaperInput(doc: PlanDocument, template: PaperTemplate, meetingDate: IsoDate): PaperInput {
  const candidates = doc.papers.filter((paper) => paper.templateId === template.id && paper.state !== 'withdrawn');
  const last =
    candidates.find((paper) => paper.state === 'draft' && paper.meetingDate === meetingDate) ?? candidates.at(-1);
  if (!last || last.purpose.length === 0 || last.recommendations.length === 0)
    return paperInputFromTemplate(template, meetingDate);
  return wordsFrom(last, meetingDate, template.listLimit);
}

/** A paper's starting point: the template's words, for the meeting on `meetingDate`. */
export function paperInputFromTemplate(template: PaperTemplate, meetingDate: IsoDate): PaperInput {
  return wordsFrom({ ...template, board: template.boardName }, meetingDate, template.listLimit);
}

type PaperWords = Pick<
  PaperInput,
  | 'board'
  | 'subject'
  | 'purpose'
  | 'recommendationsIntro'
  | 'recommendations'
  | 'authors'
  | 'sections'
  | 'subjectLabel'
  | 'narrative'
  | 'extraAppendices'
>;

/** A fresh copy of a paper's words (from a template or the last paper), so editing it changes neither. */
function wordsFrom(source: PaperWords, meetingDate: IsoDate, listLimit: number): PaperInput {
  return {
    meetingDate,
    board: source.board,
    subject: source.subject,
    purpose: [...source.purpose],
    recommendationsIntro: source.recommendationsIntro,
    recommendations: [...source.recommendations],
    authors: source.authors.map((author) => ({ ...author })),
    sections: { ...source.sections },
    listLimit,
    subjectLabel: source.subjectLabel,
    narrative: source.narrative.map((section) => ({
      title: section.title,
      paragraphs: section.paragraphs.map((paragraph) => ({ ...paragraph })),
    })),
    extraAppendices: source.extraAppendices.map((appendix) => ({ ...appendix })),
  };
}

export type Movement = 'up' | 'down' | 'unchanged' | 'new';

export interface NumberedParagraph {
  /** As printed: "1.1", "2.1", "1)". */
  number: string;
  text: string;
}

export interface MatrixRow {
  areaId: string;
  areaName: string;
  level: LevelNumber | null;
  levelName: string | null;
  /** The level the last paper reported, or null when there was no paper or the area was not assessed then. */
  previousLevel: LevelNumber | null;
  movement: Movement;
  /** The movement in words ("Up from 1"), so the paper never relies on an arrow or a colour. */
  movementText: string;
  /** What the area looks like at each level, level 1 first, for the key; empty where not written. */
  descriptors: string[];
}

export interface MatrixSummary {
  levels: { level: LevelNumber; name: string }[];
  rows: MatrixRow[];
}

export interface StatusCount {
  status: ActionStatus;
  label: string;
  count: number;
}

export interface AreaCount {
  areaId: string;
  areaName: string;
  byStatus: StatusCount[];
  total: number;
}

export interface PaperCounts {
  total: number;
  byStatus: StatusCount[];
  byArea: AreaCount[];
}

export interface ListedAction {
  actionId: string;
  number: string;
  /** The description cut to a line or two for the front of the paper; the appendix prints it in full. */
  description: string;
  leads: string[];
  timescaleText: string;
}

export interface DueAction extends ListedAction {
  /** The earliest date still owed on the action (its own timescale or an open next step). */
  due: IsoDate;
  dueText: string;
  /** What falls due on that date, in short: the next step's text, or "The action as a whole". */
  dueItem: string;
}

/** An action whose updates a manager has not yet looked at, as the progress summary lists it. */
export interface UnreviewedAction extends ListedAction {
  /** Updates logged since the last paper (every one, for the first paper) and after the action's last review. */
  count: number;
}

/** A dated figure as the measures table prints it: "68%" and "30 Sep 2026". */
export interface MeasureFigure {
  valueText: string;
  dateText: string;
}

/** One line of the measures table: every judgement comes from shared/domain/measures.ts, put into words. */
export interface MeasureRow {
  measureId: string;
  name: string;
  latest: MeasureFigure | null;
  /** "70% or more", "15% or less", or "None set". */
  targetText: string;
  met: boolean | null;
  /** "Met", "Not met", "No target set" or "No figures yet". */
  metText: string;
  trend: Trend;
  /** "Improving", "Worsening", "No change" or "Not enough data". */
  trendText: string;
  baseline: MeasureFigure | null;
}

export interface AppendixStep {
  id: string;
  text: string;
  leads: string[];
  timescaleText: string;
  done: boolean;
  overdue: boolean;
}

export interface AppendixRow {
  actionId: string;
  areaName: string;
  level: LevelNumber;
  levelName: string;
  number: string;
  description: string;
  achievement: string;
  nextSteps: AppendixStep[];
  leads: string[];
  timescaleText: string;
  status: ActionStatus;
  statusLabel: string;
  /** The lead's commentary on risks and issues, printed under the status as the plan's last column. */
  risks: string;
  /** What the lead asked the board to read, printed under the risks. */
  boardComment: string;
}

export interface AppendixGroup {
  areaId: string;
  areaName: string;
  /** The area's current maturity level, as the matrix shows it. */
  level: LevelNumber | null;
  levelName: string | null;
  rows: AppendixRow[];
}

/** A paragraph of a narrative section: numbered (3.1) unless it is a bullet. */
export interface NarrativeParagraphContent {
  number: string | null;
  text: string;
  bullet: boolean;
}

export interface NarrativeContent {
  number: string;
  title: string;
  paragraphs: NarrativeParagraphContent[];
}

export interface PaperContent {
  header: {
    organisation: string;
    to: string;
    date: IsoDate;
    /** "21st July 2016", as council papers write the meeting date. */
    dateText: string;
    subjectLabel: SubjectLabel;
    subject: string;
  };
  plan: { title: string; organisation: string };
  /** The day the figures were taken. */
  asOf: IsoDate;
  asOfText: string;
  /** The paper this one compares with, or null for the first. */
  previousPaper: { board: string; meetingDate: IsoDate; meetingDateText: string } | null;
  sections: PaperSections;
  purpose: NumberedParagraph[];
  recommendations: {
    /** "2.1 The board is recommended to:", then items 1), 2), ...; without an intro the items are 2.1, 2.2, ... */
    intro: NumberedParagraph | null;
    items: NumberedParagraph[];
  };
  /** The author's sections, numbered after the recommendations: "3 Background", paragraphs 3.1, 3.2. */
  narrative: NarrativeContent[];
  /** The appendices the board receives: those supplied separately first, then "Action plan" when printed. */
  appendices: { label: string; title: string; note: string }[];
  /** Section 3; null when the paper prints none of its parts. */
  progress: {
    number: string;
    intro: NumberedParagraph;
    matrix: MatrixSummary | null;
    counts: PaperCounts | null;
    completedSinceLast: ListedAction[] | null;
    overdue: DueAction[] | null;
    dueBeforeMeeting: DueAction[] | null;
    /** The measures table, when the paper asks for it; an empty list when the plan has no measures. */
    measures: MeasureRow[] | null;
    /**
     * Actions with updates no manager has reviewed; null when the counts section is off or there are none,
     * so the paper prints the list only when it has something to say.
     */
    unreviewed: UnreviewedAction[] | null;
    /** How many actions each list leaves out, past the template's limit; the appendix has them all. */
    notListed: Record<'completedSinceLast' | 'overdue' | 'dueBeforeMeeting' | 'unreviewed', number>;
  } | null;
  authors: PaperAuthor[];
  appendix: {
    label: string;
    title: string;
    planTitle: string;
    groups: AppendixGroup[];
    /** The key and grid printed after the plan, whether or not the front pages show the matrix. */
    matrix: MatrixSummary;
  } | null;
}

/** "2016-07-21" → "21st July 2016", the way the board papers date themselves. */
export function formatPaperDate(iso: IsoDate): string {
  return formatIsoDate(iso, 'paper');
}

/** "2026-09-30" → "30 Sep 2026", for dates inside a narrow table column. */
export function formatShortPaperDate(iso: IsoDate): string {
  return formatIsoDate(iso, 'short');
}

export const TREND_TEXT: Record<Trend, string> = {
  improving: 'Improving',
  worsening: 'Worsening',
  unchanged: 'No change',
  no_data: 'Not enough data',
};

/** A measure's line in the paper: latest figure, target, whether it is met, trend and baseline, in words. */
export function measureRow(measure: Measure): MeasureRow {
  const latest = latestValue(measure);
  const met = meetsTarget(measure);
  const trend = trendOf(measure);
  const figure = (point: { date: IsoDate; value: number } | null): MeasureFigure | null =>
    point && { valueText: formatMeasureValue(measure, point.value), dateText: formatShortPaperDate(point.date) };
  return {
    measureId: measure.id,
    name: measure.name,
    latest: figure(latest),
    targetText:
      measure.target === null
        ? 'None set'
        : `${formatMeasureValue(measure, measure.target)} or ${measure.direction === 'maximise' ? 'more' : 'less'}`,
    met,
    metText:
      met === true ? 'Met' : met === false ? 'Not met' : measure.target === null ? 'No target set' : 'No figures yet',
    trend,
    trendText: TREND_TEXT[trend],
    baseline: figure(measure.baseline),
  };
}

/**
 * The first sentence when the text has more and that sentence is short enough to stand for it in a list;
 * otherwise the whole text. Never cut mid-sentence: a paper goes to a board as printed, and the appendix
 * carries every word.
 */
export function summaryText(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const sentence = /^(.{20,}?[.!?])\s/.exec(flat);
  return sentence && sentence[1]!.length <= max ? sentence[1]! : flat;
}

function uniqueNames(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/** Words for a move between two levels; never just an arrow or a colour. */
export function describeMovement(
  current: LevelNumber | null,
  previous: LevelNumber | null,
): { movement: Movement; text: string } {
  if (previous === null) {
    return { movement: 'new', text: current === null ? 'Not yet assessed' : 'First assessment' };
  }
  if (current === null) return { movement: 'new', text: `Not assessed now (was ${previous})` };
  if (current > previous) return { movement: 'up', text: `Up from ${previous}` };
  if (current < previous) return { movement: 'down', text: `Down from ${previous}` };
  return { movement: 'unchanged', text: 'No change' };
}

/** What the app saves with a paper after export, so the next paper can say what moved. */
export function snapshotOf(doc: PlanDocument): PaperSnapshot {
  const current = currentLevels(doc);
  const levels: Record<string, LevelNumber | null> = {};
  for (const area of doc.matrix.areas) levels[area.id] = (current[area.id]?.level ?? null) as LevelNumber | null;
  const statuses: Record<string, ActionStatus> = {};
  for (const action of doc.actions) statuses[action.id] = action.status;
  const completed = doc.actions.filter((action) => action.status === 'complete').map((action) => action.id);
  return { levels, statuses, completed };
}

function statusCounts(actions: readonly Action[]): StatusCount[] {
  const counts = countByStatus(actions);
  return ACTION_STATUSES.map((status) => ({ status, label: STATUS_LABELS[status], count: counts[status] }));
}

function listed(action: Action): ListedAction {
  return {
    actionId: action.id,
    number: action.number,
    description: summaryText(action.description),
    leads: action.leads.map((lead) => lead.name),
    timescaleText: action.timescale.text,
  };
}

function dueAction(action: Action, due: IsoDate): DueAction {
  const steps = action.nextSteps.filter((step) => !step.done && step.timescale.due === due);
  const ownDue = action.timescale.due === due;
  const items = steps.map((step) => summaryText(step.text, 120));
  if (ownDue && items.length === 0) items.push('The action as a whole');
  const leads = uniqueNames([
    ...steps.flatMap((step) => step.leads.map((lead) => lead.name)),
    ...action.leads.map((lead) => lead.name),
  ]);
  return { ...listed(action), leads, due, dueText: formatPaperDate(due), dueItem: items.join('; ') };
}

/** One collator for every comparison: localeCompare with options builds a new one per call, slow in long lists. */
const NUMBER_ORDER = new Intl.Collator('en-GB', { numeric: true });

function byDueThenNumber(a: { due: IsoDate; number: string }, b: { due: IsoDate; number: string }): number {
  if (a.due !== b.due) return a.due < b.due ? -1 : 1;
  return NUMBER_ORDER.compare(a.number, b.number);
}

/** What a paper reports from the plan, apart from the words typed on its front page. */
export type PaperFigures = Pick<PaperContent, 'previousPaper' | 'progress' | 'appendix'>;

/** What the figures depend on besides the plan and the day: the meeting, the board, the parts printed. */
export const paperScopeSchema = paperInputSchema.pick({
  board: true,
  meetingDate: true,
  sections: true,
  listLimit: true,
  baselinePaperId: true,
});
export type PaperScope = z.infer<typeof paperScopeSchema>;

/**
 * The scope as text, the same for the same scope however the paper's words change: a screen can follow it
 * as one value, and it keys the figures already worked out.
 */
export function paperScopeKey({ board, meetingDate, sections, listLimit, baselinePaperId }: PaperScope): string {
  const orderedSections = Object.fromEntries(
    Object.keys(paperScopeSchema.shape.sections.shape).map((key) => [key, sections[key as keyof PaperSections]]),
  );
  return JSON.stringify({ board, meetingDate, sections: orderedSections, listLimit, baselinePaperId });
}

/**
 * Figures already worked out, per plan (a new plan object after every change) and per day and scope. A few
 * scopes are kept per plan: typing a board's name goes through one scope per letter.
 */
const figuresByPlan = new WeakMap<PlanDocument, Map<string, PaperFigures>>();
const SCOPES_KEPT = 8;

/** Whether the figures for this plan, day and scope (`paperScopeKey`) are already worked out. */
export function hasPaperFigures(doc: PlanDocument, today: IsoDate, scopeKey: string): boolean {
  return figuresByPlan.get(doc)?.has(`${today} ${scopeKey}`) ?? false;
}

/**
 * The figures for a scope given as `paperScopeKey` text, worked out once per plan, day and scope: opening the
 * paper again, or going back to a scope already shown, rebuilds nothing.
 */
export function paperFiguresOnce(doc: PlanDocument, today: IsoDate, scopeKey: string): PaperFigures {
  let known = figuresByPlan.get(doc);
  if (!known) figuresByPlan.set(doc, (known = new Map<string, PaperFigures>()));
  const key = `${today} ${scopeKey}`;
  const cached = known.get(key);
  if (cached) return cached;
  const figures = paperFigures(doc, today, paperScopeSchema.parse(JSON.parse(scopeKey)));
  if (known.size >= SCOPES_KEPT) known.delete(known.keys().next().value!);
  known.set(key, figures);
  return figures;
}

/**
 * The part of a paper worked out from the plan, which depends only on the plan, the day and the scope: the
 * preview works it out once for all the words typed on the front page. "Since the last paper" compares
 * with the last paper issued to the same board before this meeting, or with the issued paper chosen.
 */
export function paperFigures(doc: PlanDocument, today: IsoDate, scope: PaperScope): PaperFigures {
  const { meetingDate, sections, listLimit } = scope;
  const levelName = (level: LevelNumber | null): string | null =>
    level === null ? null : (doc.matrix.levels[level - 1]?.name ?? null);
  const previous = baselineFor(doc, scope.board, meetingDate, scope.baselinePaperId);
  const previousSnapshot = previous?.snapshot ?? null;
  const completedBefore = new Set(previousSnapshot?.completed ?? []);
  const current = currentLevels(doc);
  const groups = groupByArea(doc, doc.actions);
  const sortedActions = groups.flatMap((group) => group.actions);

  const matrixSummary: MatrixSummary = {
    levels: doc.matrix.levels.map((level) => ({ level: level.level as LevelNumber, name: level.name })),
    rows: doc.matrix.areas.map((area) => {
      const level = (current[area.id]?.level ?? null) as LevelNumber | null;
      const previousLevel = (previousSnapshot?.levels[area.id] ?? null) as LevelNumber | null;
      const { movement, text } = describeMovement(level, previousLevel);
      return {
        areaId: area.id,
        areaName: area.name,
        level,
        levelName: levelName(level),
        previousLevel,
        movement,
        movementText: text,
        descriptors: [...area.descriptors],
      };
    }),
  };
  const matrix = sections.matrix ? matrixSummary : null;

  const counts: PaperCounts | null = sections.counts
    ? {
        total: doc.actions.length,
        byStatus: statusCounts(doc.actions),
        byArea: groups.map((group) => ({
          areaId: group.area.id,
          areaName: group.area.name,
          byStatus: statusCounts(group.actions),
          total: group.actions.length,
        })),
      }
    : null;

  // A list on the front pages is a summary: past the template's limit it names no more actions, so only the
  // actions it names are written out (with thousands of actions, writing out every one made the preview slow).
  const firstListed = <A, T>(all: readonly A[], write: (item: A) => T) => ({
    items: all.slice(0, listLimit).map(write),
    notListed: Math.max(0, all.length - listLimit),
  });

  const completedSinceLast = sections.completedSinceLast
    ? firstListed(
        sortedActions.filter((action) => action.status === 'complete' && !completedBefore.has(action.id)),
        listed,
      )
    : null;

  const dueList = (keep: (action: Action) => boolean) =>
    firstListed(
      sortedActions
        .filter(keep)
        .flatMap((action) => {
          const due = nextDueDate(action);
          return due === null ? [] : [{ action, due, number: action.number }];
        })
        .sort(byDueThenNumber),
      ({ action, due }) => dueAction(action, due),
    );
  const overdue = sections.overdueAndDueSoon ? dueList((action) => isOverdue(action, today)) : null;
  const dueBeforeMeeting = sections.overdueAndDueSoon
    ? dueList((action) => isDueBeforeNextBoard(action, today, meetingDate))
    : null;

  const measures = sections.measures ? doc.measures.map(measureRow) : null;

  // Updates a manager has not yet reviewed. There is no section flag of its own (the paper's sections are
  // saved in every template and paper record): it goes with the counts, as the check on how far the
  // figures above have been looked at, and is printed only when at least one action has such updates.
  // Only updates logged after the last paper was issued count, so the board is not told again about
  // the same old entries; for the first paper every unreviewed update counts.
  const awaiting = counts
    ? unreviewedCountsSince(doc, previous === null ? null : (previous.issuedAt ?? previous.producedAt))
    : new Map<string, number>();
  const awaitingReview = sortedActions.filter((action) => awaiting.has(action.id));
  const unreviewed =
    awaitingReview.length > 0
      ? firstListed(awaitingReview, (action) => ({ ...listed(action), count: awaiting.get(action.id) ?? 0 }))
      : null;

  const hasProgress =
    matrix !== null || counts !== null || completedSinceLast !== null || overdue !== null || measures !== null;
  const comparedWith = previous
    ? ` Changes are measured against the last paper, to the ${previous.board} on ${formatPaperDate(previous.meetingDate)}.`
    : ` No paper has been issued to the ${scope.board} before this meeting, so there is no earlier position to compare with.`;
  const progress = hasProgress
    ? {
        number: '3',
        intro: {
          number: '3.1',
          text: `This section summarises progress on the ${doc.plan.title} as at ${formatPaperDate(today)}.${comparedWith}`,
        },
        matrix,
        counts,
        completedSinceLast: completedSinceLast?.items ?? null,
        overdue: overdue?.items ?? null,
        dueBeforeMeeting: dueBeforeMeeting?.items ?? null,
        measures,
        unreviewed: unreviewed?.items ?? null,
        notListed: {
          completedSinceLast: completedSinceLast?.notListed ?? 0,
          overdue: overdue?.notListed ?? 0,
          dueBeforeMeeting: dueBeforeMeeting?.notListed ?? 0,
          unreviewed: unreviewed?.notListed ?? 0,
        },
      }
    : null;

  const appendixLabel = 'Appendix 1';
  const appendixTitle = 'Action plan';
  const appendix = sections.appendix
    ? {
        label: appendixLabel,
        title: appendixTitle,
        planTitle: doc.plan.title,
        groups: groups.map((group) => {
          const areaLevel = (current[group.area.id]?.level ?? null) as LevelNumber | null;
          return {
            areaId: group.area.id,
            areaName: group.area.name,
            level: areaLevel,
            levelName: levelName(areaLevel),
            rows: group.actions.map((action) => ({
              actionId: action.id,
              areaName: group.area.name,
              level: action.progressLevel as LevelNumber,
              levelName: levelName(action.progressLevel as LevelNumber) ?? '',
              number: action.number,
              description: action.description,
              achievement: action.achievement,
              nextSteps: action.nextSteps.map((step) => ({
                id: step.id,
                text: step.text,
                leads: step.leads.map((lead) => lead.name),
                timescaleText: step.timescale.text,
                done: step.done,
                overdue: isStepOverdue(action, step, today),
              })),
              leads: action.leads.map((lead) => lead.name),
              timescaleText: action.timescale.text,
              status: action.status,
              statusLabel: STATUS_LABELS[action.status],
              risks: action.risks,
              boardComment: action.boardComment,
            })),
          };
        }),
        matrix: matrixSummary,
      }
    : null;

  return {
    previousPaper: previous
      ? {
          board: previous.board,
          meetingDate: previous.meetingDate,
          meetingDateText: formatPaperDate(previous.meetingDate),
        }
      : null,
    progress,
    appendix,
  };
}

/**
 * Everything a board paper prints, worked out from the plan; the Word export and the preview both draw it.
 * `figures` are the plan's part, when already worked out for the same plan, day, meeting and sections.
 */
export function buildPaperContent(
  doc: PlanDocument,
  input: PaperInput,
  today: IsoDate,
  figures: PaperFigures = paperFigures(doc, today, input),
): PaperContent {
  const purpose = input.purpose.map((text, index) => ({ number: `1.${index + 1}`, text }));
  const intro = input.recommendationsIntro.trim();
  const recommendations = intro
    ? {
        intro: { number: '2.1', text: intro },
        items: input.recommendations.map((text, index) => ({ number: `${index + 1})`, text })),
      }
    : { intro: null, items: input.recommendations.map((text, index) => ({ number: `2.${index + 1}`, text })) };
  const narrative = input.narrative.map((section, index) => {
    const number = String(3 + index);
    let numbered = 0;
    return {
      number,
      title: section.title,
      paragraphs: section.paragraphs.map((paragraph) => ({
        number: paragraph.bullet ? null : `${number}.${++numbered}`,
        text: paragraph.text,
        bullet: paragraph.bullet,
      })),
    };
  });
  // The author's sections and appendices come first, so the generated ones are numbered after them.
  const progressNumber = String(3 + narrative.length);
  const progress = figures.progress && {
    ...figures.progress,
    number: progressNumber,
    intro: { ...figures.progress.intro, number: `${progressNumber}.1` },
  };
  const appendix = figures.appendix && {
    ...figures.appendix,
    label: `Appendix ${input.extraAppendices.length + 1}`,
  };
  const extraAppendices = input.extraAppendices.map((item, index) => ({
    label: `Appendix ${index + 1}`,
    title: item.title,
    note: item.note,
  }));
  const { previousPaper } = figures;

  return {
    header: {
      organisation: doc.plan.organisation,
      to: input.board,
      date: input.meetingDate,
      dateText: formatPaperDate(input.meetingDate),
      subjectLabel: input.subjectLabel,
      subject: input.subject,
    },
    plan: { title: doc.plan.title, organisation: doc.plan.organisation },
    asOf: today,
    asOfText: formatPaperDate(today),
    previousPaper,
    sections: { ...input.sections },
    purpose,
    recommendations,
    narrative,
    appendices: [...extraAppendices, ...(appendix ? [{ label: appendix.label, title: appendix.title, note: '' }] : [])],
    progress,
    authors: input.authors.map((author) => ({ ...author })),
    appendix,
  };
}
