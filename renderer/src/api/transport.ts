import { createApiClient } from '../../../shared/api/client';
import type { Transport } from '../../../shared/api/client';
import type { Api, ApiResult, WorkingState } from '../../../shared/api/contract';
import type { MenuCommand } from '../../../shared/api/menuCommands';
import { earlyWorkingState } from './earlyRead';
import { rawTransport } from './rawTransport';

declare global {
  interface Window {
    /** The desktop app's menu; absent in the browser. */
    menu?: { onCommand: (listener: (command: MenuCommand) => void) => () => void };
  }
}

let early: Promise<unknown> | null = earlyWorkingState;

/** The calls as they travel, the first read of the plan being the one `earlyRead.ts` asked for. */
const transport: Transport = (method, input) => {
  if (method !== 'getWorkingState' || early === null) return rawTransport(method, input);
  const answer = early;
  early = null;
  return answer;
};

export const api: Api = createApiClient(transport);

/**
 * The first read of the plan, checked: the server's answer overlaps the page's start-up instead of following
 * it. Given out once; later reads ask again.
 */
let firstRead: Promise<ApiResult<WorkingState>> | null = api.getWorkingState({});

export function firstWorkingState(): Promise<ApiResult<WorkingState>> {
  const read = firstRead ?? api.getWorkingState({});
  firstRead = null;
  return read;
}
