import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../../../shared/api/contract';
import { PendingSaves } from '../../../../renderer/src/state/pendingSaves';
import type { EditCall, SaveAnswer } from '../../../../renderer/src/state/pendingSaves';

const FULL: ApiError = { code: 'disk_full', message: 'Your change was not saved: the disk is full.', problems: [] };

/** A store's `whenSaved` answered by the test, and what the page was told. */
function harness() {
  const asked = new Map<number, (answer: SaveAnswer) => void>();
  const told: string[] = [];
  const saves = new PendingSaves(({ revision }) => new Promise((resolveAnswer) => asked.set(revision, resolveAnswer)), {
    onSaving: (saving) => told.push(saving ? 'saving' : 'idle'),
    onSaved: (notice, refusedKept) =>
      told.push(`saved${notice ? `: ${notice}` : ''}${refusedKept ? ' (refused kept)' : ''}`),
    onRefused: (error) => told.push(`refused: ${error.code}`),
  });
  const answer = async (revision: number, result: SaveAnswer) => {
    asked.get(revision)!(result);
    await Promise.resolve();
    await Promise.resolve();
  };
  return { saves, told, answer };
}

const call = (name: string): EditCall => {
  const sent = async () => ({ ok: true as const, value: { from: 0, revision: 0, changed: {} } });
  return Object.assign(sent, { toString: () => name });
};

describe('the edits a page has shown but the file has not yet confirmed', () => {
  it('say "Saving…" until the file holds every one, and "Saved" only then', async () => {
    const { saves, told, answer } = harness();
    void saves.track(11, call('a'));
    void saves.track(12, call('b'));
    expect(told).toEqual(['saving', 'saving']);
    await answer(11, { ok: true, value: { saved: true, revision: 11 } });
    expect(told).toEqual(['saving', 'saving']);
    await answer(12, { ok: true, value: { saved: true, revision: 12 } });
    expect(told).toEqual(['saving', 'saving', 'idle', 'saved']);
    expect(saves.hasRefused()).toBe(false);
  });

  it('keep every refused edit, in the order made, to be sent again; an edit saved later does not clear them', async () => {
    const { saves, told, answer } = harness();
    const [a, b, c] = [call('a'), call('b'), call('c')];
    void saves.track(21, a);
    void saves.track(22, b);
    await answer(22, { ok: false, error: FULL });
    await answer(21, { ok: false, error: FULL });
    void saves.track(24, c);
    await answer(24, { ok: true, value: { saved: true, revision: 24 } });
    expect(told).toEqual([
      'saving',
      'saving',
      'refused: disk_full',
      'refused: disk_full',
      'idle',
      'saving',
      'idle',
      'saved (refused kept)',
    ]);
    expect(saves.hasRefused()).toBe(true);
    expect(saves.takeRefused()).toEqual([a, b]);
    expect(saves.hasRefused()).toBe(false);
  });

  it('put back, ahead of later refusals, the edits a retry did not get to send; dismissing drops them all', async () => {
    const { saves, answer } = harness();
    const [a, b, c] = [call('a'), call('b'), call('c')];
    void saves.track(31, a);
    void saves.track(32, b);
    await answer(31, { ok: false, error: FULL });
    await answer(32, { ok: false, error: FULL });
    const [first, ...rest] = saves.takeRefused();
    expect(first).toBe(a);
    void saves.track(33, c);
    await answer(33, { ok: false, error: FULL });
    saves.keepRefused(rest);
    expect(saves.takeRefused()).toEqual([b, c]);
    void saves.track(34, a);
    await answer(34, { ok: false, error: FULL });
    saves.dismiss();
    expect(saves.hasRefused()).toBe(false);
  });

  it('pass on a notice that the save went through with another program`s version kept aside', async () => {
    const { saves, told, answer } = harness();
    const tracked = saves.track(41, call('a'));
    await answer(41, { ok: true, value: { saved: true, revision: 41, notice: 'Kept as plan.conflict.json' } });
    expect(await tracked).toMatchObject({ ok: true });
    expect(told.at(-1)).toBe('saved: Kept as plan.conflict.json');
  });
});
