// Sandboxed preload (one CommonJS file): exposes invoke(method, input) and onEvent(cb), nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

contextBridge.exposeInMainWorld('dropship', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke('dropship:invoke', String(method), input),
  onEvent: (cb: (e: unknown) => void) => {
    const listener = (_e: IpcRendererEvent, payload: unknown) => cb(payload);
    ipcRenderer.on('dropship:event', listener);
    return () => ipcRenderer.removeListener('dropship:event', listener);
  },
});
