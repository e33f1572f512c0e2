// The step every form dialog and busy panel shares: one run at a time, a `busy` flag for the button or
// spinner, and any error handed on (a form's applyError, or useShowError).
import { ref } from 'vue';

export function useSubmit(onError: (e: unknown) => void) {
  const busy = ref(false);
  /** Run `fn` unless a run is under way; `handle` replaces the default error handler for this run. */
  async function submit(fn: () => Promise<unknown>, handle: (e: unknown) => void = onError): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    try {
      await fn();
    } catch (e) {
      handle(e);
    } finally {
      busy.value = false;
    }
  }
  return { busy, submit };
}
