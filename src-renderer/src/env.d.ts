/// <reference types="vite/client" />
import type { AppEvent, Reply } from '@contract';

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/** What the sandboxed preload exposes (src-main/preload); absent in a plain browser (web mode). */
export interface DropshipBridge {
  invoke(method: string, input: unknown): Promise<Reply<unknown>>;
  onEvent(cb: (e: AppEvent) => void): () => void;
  /** Opens an http(s) link in the system browser; refused (false) without a user click. */
  openExternal(url: string): Promise<boolean>;
}

declare global {
  interface Window {
    dropship?: DropshipBridge;
  }
}

// Test hooks travel through naive-ui's inputProps / menu option props, which are typed as HTML attributes.
declare module '@vue/runtime-dom' {
  interface HTMLAttributes {
    'data-testid'?: string;
  }
}
