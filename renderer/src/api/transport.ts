import { createApiClient } from '../../../shared/api/client';
import type { Transport } from '../../../shared/api/client';
import type { Api, ApiResult, WorkingState } from '../../../shared/api/contract';
import type { ApiMethod } from '../../../shared/api/methods';
import type { MenuCommand } from '../../../shared/api/menuCommands';

type Bridge = Record<ApiMethod, (input: unknown) => Promise<unknown>>;

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the UI runs in a browser against the harness. */
    api?: Bridge;
    /** The desktop app's menu; absent in the browser. */
    menu?: { onCommand: (listener: (command: MenuCommand) => void) => () => void };
  }
}

function ipcTransport(bridge: Bridge): Transport {
  return (method, input) => bridge[method](input);
}

function httpTransport(): Transport {
  const token = document.querySelector<HTMLMetaElement>('meta[name="api-token"]')?.content ?? '';
  return async (method, input) => {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-token': token },
      body: JSON.stringify(input ?? {}),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
}

export const api: Api = createApiClient(window.api ? ipcTransport(window.api) : httpTransport());

/**
 * The first read of the plan, asked for as soon as this module runs instead of once React has drawn the
 * shell: the server's answer then overlaps the rest of the page's start-up (about half a second of parsing
 * and running the page's code before the first effect). Given out once; later reads ask again.
 */
let firstRead: Promise<ApiResult<WorkingState>> | null = api.getWorkingState({});

export function firstWorkingState(): Promise<ApiResult<WorkingState>> {
  const read = firstRead ?? api.getWorkingState({});
  firstRead = null;
  return read;
}
