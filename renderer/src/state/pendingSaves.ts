import type { Api, ApiError, ApiOutput, ApiResult } from '../../../shared/api/contract';
import type { PlanDelta } from '../../../shared/domain/delta';

/** An edit as the page sent it: sending it again repeats it with what it was based on. */
export type EditCall = () => Promise<ApiResult<PlanDelta>>;

export type SaveAnswer = ApiResult<ApiOutput<'whenSaved'>>;

export interface SaveEvents {
  /** Whether any edit shown is still being written ("Saving…"). */
  onSaving: (saving: boolean) => void;
  /**
   * The file holds every edit shown but those it refused (`refusedKept`: some are kept to be sent again);
   * `notice` when another program's version was kept aside meanwhile.
   */
  onSaved: (notice: string | null, refusedKept: boolean) => void;
  /** The file refused edits shown: the store has dropped them and the page must show the plan as it is now. */
  onRefused: (error: ApiError) => void;
}

interface Tracked {
  revision: number;
  call: EditCall;
}

/**
 * The edits this page has shown since the file last confirmed it holds them. An edit is answered before it
 * is written; each is kept until `whenSaved` answers for it, and one the file refused is kept in order to
 * be sent again ("Try again") or dropped ("Dismiss"). Nothing is said to be saved before the file holds it.
 */
export class PendingSaves {
  private writing: Tracked[] = [];
  private refused: Tracked[] = [];

  constructor(
    private readonly whenSaved: Api['whenSaved'],
    private readonly events: SaveEvents,
  ) {}

  /** Follows an edit the store answered with `revision`; resolves with the file's answer for it. */
  track(revision: number, call: EditCall): Promise<SaveAnswer> {
    const entry = { revision, call };
    this.writing.push(entry);
    this.events.onSaving(true);
    return this.confirm(entry);
  }

  private async confirm(entry: Tracked): Promise<SaveAnswer> {
    const answer = await this.whenSaved({ revision: entry.revision });
    this.writing = this.writing.filter((candidate) => candidate !== entry);
    if (!answer.ok) {
      const after = this.refused.findIndex((kept) => kept.revision > entry.revision);
      this.refused.splice(after === -1 ? this.refused.length : after, 0, entry);
      this.events.onRefused(answer.error);
    }
    if (this.writing.length === 0) {
      this.events.onSaving(false);
      if (answer.ok) this.events.onSaved(answer.value.notice ?? null, this.hasRefused());
    }
    return answer;
  }

  /** Whether edits the file refused are waiting to be sent again or dropped. */
  hasRefused(): boolean {
    return this.refused.length > 0;
  }

  /** The refused edits, oldest first, handed over to be sent again; they are no longer kept here. */
  takeRefused(): EditCall[] {
    const calls = this.refused.map((entry) => entry.call);
    this.refused = [];
    return calls;
  }

  /** Puts back edits that were not sent again, ahead of any refused since. */
  keepRefused(calls: readonly EditCall[]): void {
    this.refused = [...calls.map((call) => ({ revision: -Infinity, call })), ...this.refused];
  }

  dismiss(): void {
    this.refused = [];
  }
}
