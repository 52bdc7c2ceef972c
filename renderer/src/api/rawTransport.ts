import type { Transport } from '../../../shared/api/client';
import type { ApiMethod } from '../../../shared/api/methods';

type Bridge = Record<ApiMethod, (input: unknown) => Promise<unknown>>;

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the UI runs in a browser against the harness. */
    api?: Bridge;
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

/**
 * The calls as they travel, unchecked: IPC in Electron, fetch against the browser harness. Imports no code,
 * so the page can ask for the plan before the rest of its scripts have run (`earlyRead.ts`).
 */
export const rawTransport: Transport = window.api ? ipcTransport(window.api) : httpTransport();
