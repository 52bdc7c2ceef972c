import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, IPC_CHANNEL_PREFIX } from '../../shared/api/methods';
import { MENU_CHANNEL, MENU_COMMANDS } from '../../shared/api/menuCommands';
import type { MenuCommand } from '../../shared/api/menuCommands';

/** One named method per operation; no generic channel is ever exposed to the page. */
const bridge = Object.fromEntries(
  API_METHODS.map((method) => [
    method,
    (input: unknown) => ipcRenderer.invoke(`${IPC_CHANNEL_PREFIX}${method}`, input),
  ]),
);

/** Menu commands reach the page only as one of the known names; the IPC event itself is never handed over. */
const menu = {
  onCommand(listener: (command: MenuCommand) => void): () => void {
    const forward = (_event: unknown, command: unknown) => {
      if ((MENU_COMMANDS as readonly unknown[]).includes(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => ipcRenderer.removeListener(MENU_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('api', bridge);
contextBridge.exposeInMainWorld('menu', menu);
