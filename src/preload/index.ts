import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_METHODS, CHANNEL_PREFIX } from '../shared/method-names';

// window.tokenVault.<method>(input) -> the main process's checked handler. Nothing else is exposed: no
// ipcRenderer, no event channels, no Node.
const bridge = Object.freeze(
  Object.fromEntries(
    BRIDGE_METHODS.map((method) => [
      method,
      (input?: unknown) => ipcRenderer.invoke(`${CHANNEL_PREFIX}${method}`, input ?? {}),
    ]),
  ),
);

contextBridge.exposeInMainWorld('tokenVault', bridge);
