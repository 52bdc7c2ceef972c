import type { ActionStatus } from '../model/action';
import type { BoardPaperRecord, PaperSnapshot } from '../model/boardPaper';
import type { LevelNumber } from '../model/matrix';
import type { RecordedBy } from '../model/people';
import type { PlanDocument } from '../model/plan';
import type { IsoDate } from '../model/primitives';
import { DomainError } from './errors';

/** When and by whom a paper is issued or withdrawn. */
export interface PaperActor {
  now: string;
  by: RecordedBy;
}

/** Board names are typed by hand on each paper: "Early Help Board" and "early help board " are one board. */
function sameBoard(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function findPaper(doc: PlanDocument, paperId: string): BoardPaperRecord {
  const paper = doc.papers.find((candidate) => candidate.id === paperId);
  if (!paper)
    throw new DomainError('not_found', `No board paper has id "${paperId}"; it may have been discarded.`, 'paperId');
  return paper;
}

function replacePaper(doc: PlanDocument, paper: BoardPaperRecord): PlanDocument {
  return { ...doc, papers: doc.papers.map((candidate) => (candidate.id === paper.id ? paper : candidate)) };
}

function describe(paper: BoardPaperRecord): string {
  return `the paper to the ${paper.board} on ${paper.meetingDate}`;
}

/**
 * Keeps what an export wrote as the draft for its board and meeting: the draft already there is replaced
 * in place (keeping its id, so a screen showing it still finds it), so exporting again after fixing a
 * typo never adds a paper to the history.
 */
export function saveDraft(doc: PlanDocument, paper: BoardPaperRecord): PlanDocument {
  if (paper.state !== 'draft')
    throw new DomainError('invalid', 'Only a draft can be saved over; an issued paper is never changed.', 'state');
  const existing = doc.papers.find(
    (candidate) =>
      candidate.state === 'draft' &&
      sameBoard(candidate.board, paper.board) &&
      candidate.meetingDate === paper.meetingDate,
  );
  if (!existing) return { ...doc, papers: [...doc.papers, paper] };
  // Re-exporting only the Word note after fixing a typo leaves the workbook written before as part of the
  // paper: its file and checksum stay with the draft until a file of its kind is written again.
  const kindOf = (path: string) => path.slice(path.lastIndexOf('.')).toLowerCase();
  const written = new Set(paper.files.map(kindOf));
  const kept = (path: string) => !written.has(kindOf(path));
  return replacePaper(doc, {
    ...paper,
    id: existing.id,
    files: [...existing.files.filter(kept), ...paper.files],
    checksums: [...existing.checksums.filter((file) => kept(file.path)), ...paper.checksums],
  });
}

/**
 * Freezes a draft as the paper the board was sent. A meeting has one issued paper: to send a corrected
 * one, the first is withdrawn (with its reason) so the history says which one the board should trust.
 */
export function issuePaper(doc: PlanDocument, paperId: string, actor: PaperActor): PlanDocument {
  const paper = findPaper(doc, paperId);
  if (paper.state !== 'draft')
    throw new DomainError('conflict', `${capitalise(describe(paper))} has already been issued.`, 'paperId');
  const issued = doc.papers.find(
    (candidate) =>
      candidate.state === 'issued' &&
      sameBoard(candidate.board, paper.board) &&
      candidate.meetingDate === paper.meetingDate,
  );
  if (issued) {
    throw new DomainError(
      'conflict',
      `A paper to the ${paper.board} on ${paper.meetingDate} has already been issued. Withdraw it, saying why, before issuing this one.`,
      'paperId',
    );
  }
  return replacePaper(doc, { ...paper, state: 'issued', issuedAt: actor.now, issuedBy: { ...actor.by } });
}

/** Removes a draft nobody was sent. Issued papers are history and are withdrawn instead. */
export function discardDraft(doc: PlanDocument, paperId: string): PlanDocument {
  const paper = findPaper(doc, paperId);
  if (paper.state !== 'draft') {
    throw new DomainError(
      'conflict',
      `${capitalise(describe(paper))} was issued to the board, so it stays in the history; withdraw it instead.`,
      'paperId',
    );
  }
  return { ...doc, papers: doc.papers.filter((candidate) => candidate.id !== paperId) };
}

/** Marks an issued paper as not to be relied on; it stays in the history and is never compared with again. */
export function withdrawPaper(doc: PlanDocument, paperId: string, reason: string, actor: PaperActor): PlanDocument {
  const paper = findPaper(doc, paperId);
  if (paper.state !== 'issued') {
    const why = paper.state === 'draft' ? 'is still a draft; discard it instead' : 'has already been withdrawn';
    throw new DomainError('conflict', `${capitalise(describe(paper))} ${why}.`, 'paperId');
  }
  const trimmed = reason.trim();
  if (trimmed.length === 0)
    throw new DomainError('invalid', 'Say why the paper is withdrawn, so the history explains it.', 'reason');
  if (trimmed.length > 1000) throw new DomainError('invalid', 'The reason must be at most 1000 characters.', 'reason');
  return replacePaper(doc, {
    ...paper,
    state: 'withdrawn',
    withdrawal: { reason: trimmed, at: actor.now, by: { ...actor.by } },
  });
}

/**
 * What a paper for `board` on `meetingDate` compares with: the last paper issued to the same board for an
 * earlier meeting, or the issued paper the person chose. Drafts (including this meeting's own) and
 * withdrawn papers never count: the board was not sent them, or was told not to rely on them.
 */
export function baselineFor(
  doc: PlanDocument,
  /** Null for the last paper issued to any board, as the app's matrix view compares with. */
  board: string | null,
  meetingDate: IsoDate,
  chosenPaperId?: string,
): BoardPaperRecord | null {
  if (chosenPaperId !== undefined) {
    const chosen = findPaper(doc, chosenPaperId);
    if (chosen.state !== 'issued') {
      throw new DomainError(
        'invalid',
        `${capitalise(describe(chosen))} was ${chosen.state === 'draft' ? 'never issued' : 'withdrawn'}, so it cannot be compared with.`,
        'baselinePaperId',
      );
    }
    if (chosen.meetingDate >= meetingDate) {
      throw new DomainError(
        'invalid',
        `${capitalise(describe(chosen))} is not for an earlier meeting, so it cannot be compared with.`,
        'baselinePaperId',
      );
    }
    return chosen;
  }
  let baseline: BoardPaperRecord | null = null;
  for (const paper of doc.papers) {
    if (paper.state !== 'issued' || paper.meetingDate >= meetingDate) continue;
    if (board !== null && !sameBoard(paper.board, board)) continue;
    if (
      baseline === null ||
      paper.meetingDate > baseline.meetingDate ||
      (paper.meetingDate === baseline.meetingDate && (paper.issuedAt ?? '') > (baseline.issuedAt ?? ''))
    ) {
      baseline = paper;
    }
  }
  return baseline;
}

/** This meeting's draft, which the next export replaces and "Issue to the board" freezes; null if none. */
export function draftFor(doc: PlanDocument, board: string, meetingDate: IsoDate): BoardPaperRecord | null {
  return (
    doc.papers.find(
      (paper) => paper.state === 'draft' && sameBoard(paper.board, board) && paper.meetingDate === meetingDate,
    ) ?? null
  );
}

/** The papers a paper for `meetingDate` may compare with: issued to any board for an earlier meeting, newest first. */
export function comparablePapers(doc: PlanDocument, meetingDate: IsoDate): BoardPaperRecord[] {
  return paperHistory(doc)
    .filter((paper) => paper.state === 'issued' && paper.meetingDate < meetingDate)
    .reverse();
}

/** Every paper for the history view: issued and withdrawn by meeting, then the drafts not yet issued. */
export function allPapers(doc: PlanDocument): BoardPaperRecord[] {
  return [...paperHistory(doc), ...doc.papers.filter((paper) => paper.state === 'draft')];
}

/** The papers history: every paper the board was sent, withdrawn ones included, by meeting, oldest first. */
export function paperHistory(doc: PlanDocument): BoardPaperRecord[] {
  return doc.papers
    .filter((paper) => paper.state !== 'draft')
    .sort((a, b) =>
      a.meetingDate !== b.meetingDate
        ? a.meetingDate < b.meetingDate
          ? -1
          : 1
        : (a.issuedAt ?? '') < (b.issuedAt ?? '')
          ? -1
          : 1,
    );
}

export interface LevelMove {
  areaId: string;
  from: LevelNumber | null;
  to: LevelNumber | null;
}

export interface StatusChange {
  actionId: string;
  /** Null when the action was not in the plan at the earlier paper. */
  from: ActionStatus | null;
  /** Null when the action had been deleted by the later paper. */
  to: ActionStatus | null;
}

export interface PaperDifferences {
  levels: LevelMove[];
  statuses: StatusChange[];
  /** Actions complete at the later paper and not at the earlier one, in the later paper's order. */
  completed: string[];
}

interface Snapshotted {
  snapshot: PaperSnapshot;
}

/** What changed from paper `a` to paper `b`, as the history view shows it. */
export function paperDifferences(a: Snapshotted, b: Snapshotted): PaperDifferences {
  const before = a.snapshot;
  const after = b.snapshot;
  const areaIds = [...new Set([...Object.keys(before.levels), ...Object.keys(after.levels)])];
  const levels = areaIds
    .map((areaId) => ({
      areaId,
      from: (before.levels[areaId] ?? null) as LevelNumber | null,
      to: (after.levels[areaId] ?? null) as LevelNumber | null,
    }))
    .filter((move) => move.from !== move.to);
  const actionIds = [...new Set([...Object.keys(before.statuses), ...Object.keys(after.statuses)])];
  const statuses = actionIds
    .map((actionId) => ({ actionId, from: before.statuses[actionId] ?? null, to: after.statuses[actionId] ?? null }))
    .filter((change) => change.from !== change.to);
  const earlier = new Set(before.completed);
  return { levels, statuses, completed: after.completed.filter((actionId) => !earlier.has(actionId)) };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
