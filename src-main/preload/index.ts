// Sandboxed preload (one CommonJS file): exposes invoke(method, input), onEvent(cb) and openExternal(url), nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

contextBridge.exposeInMainWorld('dropship', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke('dropship:invoke', String(method), input),
  onEvent: (cb: (e: unknown) => void) => {
    const listener = (_e: IpcRendererEvent, payload: unknown) => cb(payload);
    ipcRenderer.on('dropship:event', listener);
    return () => ipcRenderer.removeListener('dropship:event', listener);
  },
  // Only right after a real click or key press in the page (transient user activation, which page script
  // cannot forge); the main process then allows http(s) only.
  openExternal: (url: string) =>
    navigator.userActivation?.isActive ? ipcRenderer.invoke('dropship:open-external', String(url)) : Promise.resolve(false),
});
