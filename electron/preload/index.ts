import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, IPC_CHANNEL_PREFIX } from '../../shared/api/methods';

/** One named method per operation; no generic channel is ever exposed to the page. */
const bridge = Object.fromEntries(
  API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(`${IPC_CHANNEL_PREFIX}${method}`, input)]),
);

contextBridge.exposeInMainWorld('api', bridge);
