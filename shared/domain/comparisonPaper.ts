import type { BoardPaperRecord } from '../model/boardPaper';
import type { IsoDate } from '../model/primitives';

/** A paper's state where the record carries one (plans written since papers became drafts until issued). */
function stateOf(paper: BoardPaperRecord): string | null {
  const state = (paper as { state?: unknown }).state;
  return typeof state === 'string' ? state : null;
}

/**
 * The paper whose levels the board last received, for a paper to `board` (any board when null) at the
 * meeting on `meetingDate`: the latest paper to that board for an earlier meeting. Where records say which
 * papers were issued, only an issued one counts: a draft or a withdrawn paper was never the board's position.
 */
export function comparisonPaper(
  papers: readonly BoardPaperRecord[],
  board: string | null,
  meetingDate: IsoDate,
): BoardPaperRecord | null {
  const earlier = papers.filter(
    (paper) => (board === null || paper.board === board) && paper.meetingDate < meetingDate,
  );
  const stated = earlier.some((paper) => stateOf(paper) !== null);
  const candidates = stated ? earlier.filter((paper) => stateOf(paper) === 'issued') : earlier;
  // Papers are kept in the order they were produced; one produced later for an earlier meeting is not newer news.
  let latest: BoardPaperRecord | null = null;
  for (const paper of candidates) if (latest === null || paper.meetingDate >= latest.meetingDate) latest = paper;
  return latest;
}
