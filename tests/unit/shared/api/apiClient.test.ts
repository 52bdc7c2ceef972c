import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../../shared/api/client';
import type { Transport } from '../../../../shared/api/client';
import { API_METHODS } from '../../../../shared/api/methods';
import type { ApiMethod } from '../../../../shared/api/methods';
import { makeDocument } from '../../../support/fixtures';

function fakeTransport(answer: (method: ApiMethod, input: unknown) => unknown) {
  const calls: { method: ApiMethod; input: unknown }[] = [];
  const transport: Transport = async (method, input) => {
    calls.push({ method, input });
    return answer(method, input);
  };
  return { transport, calls };
}

const GOOD_STATE = {
  store: { kind: 'ready', path: '/tmp/plan.json', backupPath: '/tmp/plan.backup.json', createdFromDemo: false },
  document: makeDocument(),
  revision: 7,
  today: '2016-06-15',
  user: 'Ann',
  historyRevision: 7,
  actionsRevision: 7,
};

describe('createApiClient', () => {
  it('has one function per API method', () => {
    const client = createApiClient(async () => ({ ok: true, value: null }));
    expect(Object.keys(client).sort()).toEqual([...API_METHODS].sort());
    for (const method of API_METHODS) expect(typeof client[method]).toBe('function');
  });

  it('passes the method and input to the transport', async () => {
    const { transport, calls } = fakeTransport(() => ({ ok: true, value: makeDocument() }));
    const client = createApiClient(transport);
    await client.updateAction({ id: 'action-1', changes: { status: 'complete' } });
    expect(calls).toEqual([{ method: 'updateAction', input: { id: 'action-1', changes: { status: 'complete' } } }]);
  });

  it('passes a well-formed answer through', async () => {
    const client = createApiClient(fakeTransport(() => ({ ok: true, value: GOOD_STATE })).transport);
    const result = await client.getState({});
    expect(result).toEqual({ ok: true, value: GOOD_STATE });
  });

  it('passes a well-formed error answer through unchanged', async () => {
    const error = {
      code: 'conflict',
      message: 'Action number 1 is already used.',
      problems: [{ field: 'number', reason: 'taken' }],
    };
    const client = createApiClient(fakeTransport(() => ({ ok: false, error })).transport);
    expect(await client.createAction({ action: { number: '1', areaId: 'governance', description: 'x' } })).toEqual({
      ok: false,
      error,
    });
  });

  it('turns a malformed answer into an internal error with a message', async () => {
    const client = createApiClient(fakeTransport(() => ({ ok: true, value: 42 })).transport);
    const result = await client.getState({});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).toMatch(/^The data service sent an unexpected answer: /);
      expect(result.error.problems.length).toBeGreaterThan(0);
      expect(result.error.problems[0]!.field).toBe('value');
    }
  });

  it('refuses an edit whose changed records break the plan rules', async () => {
    const bad = makeDocument().actions[1] as any;
    bad.status = 'done';
    const delta = { from: 1, revision: 2, changed: { actions: { kind: 'patched', upserted: [bad], removedIds: [] } } };
    const client = createApiClient(fakeTransport(() => ({ ok: true, value: delta })).transport);
    const result = await client.updateAction({ id: 'action-2', changes: { status: 'complete' } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.problems.map((problem) => problem.field)).toContain(
        'value.changed.actions.upserted[0].status',
      );
      expect(result.error.message).toContain('must be one of');
    }
  });

  it.each([
    [undefined],
    [null],
    ['ok'],
    [{}],
    [{ ok: 'yes' }],
    [{ ok: false, error: { code: 'teapot', message: 'x', problems: [] } }],
  ])('turns the answer %j into an internal error', async (answer) => {
    const client = createApiClient(fakeTransport(() => answer).transport);
    const result = await client.getHistory({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('internal');
  });

  it('turns a throwing transport into an internal "Could not reach" error', async () => {
    const client = createApiClient(async () => {
      throw new Error('connection refused');
    });
    expect(await client.getState({})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Could not reach the data service: connection refused', problems: [] },
    });
  });

  it('copes with a transport that throws a non-Error', async () => {
    const client = createApiClient(async () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a non-Error is what this test is about
      throw 'socket closed';
    });
    const result = await client.getState({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('Could not reach the data service: socket closed');
  });
});
