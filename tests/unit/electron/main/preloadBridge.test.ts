/**
 * The preload is the whole surface the page gets: these tests load it against a fake Electron and check
 * that it hands over one named function per API method and a menu listener, and nothing else.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, IPC_CHANNEL_PREFIX } from '../../../../shared/api/methods';
import { MENU_CHANNEL, MENU_COMMANDS } from '../../../../shared/api/menuCommands';
import type { MenuCommand } from '../../../../shared/api/menuCommands';

type Listener = (event: unknown, ...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Listener[]>();
  return {
    exposed,
    listeners,
    exposeInMainWorld: vi.fn((key: string, value: unknown) => {
      exposed.set(key, value);
    }),
    invoke: vi.fn((_channel: string, ..._args: unknown[]) => Promise.resolve({ ok: true, value: 'answer' })),
    on: vi.fn((channel: string, listener: Listener) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((candidate) => candidate !== listener),
      );
    }),
    send: vi.fn(),
    sendSync: vi.fn(),
    once: vi.fn(),
  };
});

vi.mock('electron', () => {
  const contextBridge = { exposeInMainWorld: fake.exposeInMainWorld };
  const ipcRenderer = {
    invoke: fake.invoke,
    on: fake.on,
    once: fake.once,
    removeListener: fake.removeListener,
    send: fake.send,
    sendSync: fake.sendSync,
  };
  return { contextBridge, ipcRenderer, default: { contextBridge, ipcRenderer } };
});

type Bridge = Record<string, (input?: unknown) => Promise<unknown>>;
interface MenuBridge {
  onCommand(listener: (command: MenuCommand) => void): () => void;
}

let api: Bridge;
let menu: MenuBridge;
let listenersAtLoad = -1;

/** What the main process would send on the menu channel. */
function emitMenu(...args: unknown[]): void {
  for (const listener of fake.listeners.get(MENU_CHANNEL) ?? [])
    listener({ sender: 'ipc-event', senderFrame: null }, ...args);
}

beforeAll(async () => {
  await import('../../../../electron/preload/index');
  api = fake.exposed.get('api') as Bridge;
  menu = fake.exposed.get('menu') as MenuBridge;
  listenersAtLoad = fake.on.mock.calls.length + fake.once.mock.calls.length;
});

beforeEach(() => {
  fake.invoke.mockClear();
  fake.on.mockClear();
  fake.removeListener.mockClear();
});

describe('what the preload exposes', () => {
  it('exposes exactly two globals, "api" and "menu", once each', () => {
    expect(fake.exposeInMainWorld).toHaveBeenCalledTimes(2);
    expect(fake.exposeInMainWorld.mock.calls.map(([key]) => key).sort()).toEqual(['api', 'menu']);
  });

  it('sends nothing and listens to nothing just by loading', () => {
    expect(listenersAtLoad).toBe(0);
    expect(fake.send).not.toHaveBeenCalled();
    expect(fake.sendSync).not.toHaveBeenCalled();
    expect(fake.once).not.toHaveBeenCalled();
  });

  it('api has exactly the API_METHODS keys, each a function', () => {
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    for (const method of API_METHODS) expect(typeof api[method], method).toBe('function');
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
  });

  it('has no generic invoke, send or on, and no way to the ipcRenderer itself', () => {
    for (const name of ['invoke', 'send', 'sendSync', 'on', 'once', 'removeListener', 'ipcRenderer', 'postMessage']) {
      expect(api, name).not.toHaveProperty(name);
      expect(menu, name).not.toHaveProperty(name);
    }
    expect(Object.keys(menu)).toEqual(['onCommand']);
    expect(typeof menu.onCommand).toBe('function');
    // Nothing exposed is the Electron object or holds it.
    const exposedValues = [...fake.exposed.values()].flatMap((value) => [value, ...Object.values(value as object)]);
    for (const value of exposedValues) {
      expect(value).not.toBe(fake.invoke);
      expect(value).not.toBe(fake.on);
      expect(value).not.toBe(fake.send);
    }
  });
});

describe('api methods', () => {
  it.each(API_METHODS.map((method) => [method]))(
    '%s invokes plan:%s with the input and nothing else',
    async (method) => {
      const input = { probe: method, nested: { list: [1, 2] } };
      const result = await api[method]!(input);
      expect(fake.invoke).toHaveBeenCalledTimes(1);
      expect(fake.invoke.mock.calls[0]).toEqual([`${IPC_CHANNEL_PREFIX}${method}`, input]);
      expect(fake.invoke.mock.calls[0]![1]).toBe(input);
      expect(result).toEqual({ ok: true, value: 'answer' });
      expect(fake.send).not.toHaveBeenCalled();
    },
  );

  it('passes exactly one argument even when the page passes more', async () => {
    await (api.getState as (...args: unknown[]) => Promise<unknown>)({}, 'extra', { channel: 'plan:deleteAction' });
    expect(fake.invoke.mock.calls).toEqual([['plan:getState', {}]]);
  });

  it('cannot be pointed at another channel by the input', async () => {
    await api.getPreferences!({ id: 'a-01', channel: 'plan:deleteAction', method: 'deleteAction' });
    await api.getPreferences!('plan:deleteAction');
    expect(fake.invoke.mock.calls.map(([channel]) => channel)).toEqual(['plan:getPreferences', 'plan:getPreferences']);
  });
});

describe('menu.onCommand', () => {
  it('listens on the menu channel only', () => {
    const stop = menu.onCommand(() => undefined);
    expect(fake.on).toHaveBeenCalledTimes(1);
    expect(fake.on.mock.calls[0]![0]).toBe(MENU_CHANNEL);
    stop();
  });

  it('forwards every known command name, and only the name (never the IPC event)', () => {
    const received: unknown[][] = [];
    const stop = menu.onCommand((...args: unknown[]) => received.push(args));
    for (const command of MENU_COMMANDS) emitMenu(command);
    expect(received).toEqual(MENU_COMMANDS.map((command) => [command]));
    stop();
  });

  it('ignores unknown names, API channels, objects and other values', () => {
    const listener = vi.fn();
    const stop = menu.onCommand(listener);
    const junk: unknown[] = [
      'plan:deleteAction',
      'deleteAction',
      'VIEW-PLAN',
      ' view-plan',
      'view-plan ',
      '',
      'state-changed\u0000',
      'toString',
      '__proto__',
      'constructor',
      { command: 'view-plan' },
      ['view-plan'],
      new String('view-plan'),
      { toString: () => 'view-plan' },
      null,
      undefined,
      42,
      true,
    ];
    for (const value of junk) emitMenu(value);
    emitMenu();
    expect(listener).not.toHaveBeenCalled();
    stop();
  });

  it('the function it returns removes exactly the listener it added', () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = menu.onCommand(first);
    const stopSecond = menu.onCommand(second);
    const [, added] = fake.on.mock.calls[0]!;
    stopFirst();
    expect(fake.removeListener).toHaveBeenCalledTimes(1);
    expect(fake.removeListener.mock.calls[0]).toEqual([MENU_CHANNEL, added]);
    emitMenu('view-matrix');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith('view-matrix');
    stopSecond();
    emitMenu('view-plan');
    expect(second).toHaveBeenCalledTimes(1);
    expect(fake.listeners.get(MENU_CHANNEL)).toEqual([]);
  });
});
