// State of one long job (export, demo data) for a progress bar with a Cancel button.
import { computed, ref } from 'vue';
import type { Input, Output, ProgressEvent } from '@contract';
import { api, newJobId, type JobMethod } from '@/api/client';
import { useShowError } from './useShowError';

export function useJob() {
  const showError = useShowError();
  const jobId = ref<string | null>(null);
  const progress = ref<ProgressEvent | null>(null);
  const cancelling = ref(false);
  const running = computed(() => jobId.value !== null);
  const percent = computed(() => {
    const p = progress.value;
    return p && p.total > 0 ? Math.min(100, Math.floor((p.done * 100) / p.total)) : 0;
  });

  /** Runs the job; rejects like the call itself (ApiCallError CANCELLED after cancel()). */
  async function run<M extends JobMethod>(method: M, input: Omit<Input<M>, 'jobId'>): Promise<Output<M>> {
    const id = newJobId();
    jobId.value = id;
    progress.value = null;
    cancelling.value = false;
    try {
      return await api.runJob(method, input, (e) => (progress.value = e), id);
    } finally {
      jobId.value = null;
      cancelling.value = false;
    }
  }

  async function cancel() {
    const id = jobId.value;
    if (!id) return;
    cancelling.value = true;
    try {
      await api.jobs.cancel({ jobId: id });
    } catch (e) {
      cancelling.value = false;
      showError(e);
    }
  }

  return { running, progress, percent, cancelling, run, cancel };
}

export type JobState = ReturnType<typeof useJob>;
