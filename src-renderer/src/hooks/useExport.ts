// An export job end to end: progress bar with cancel, then the file handed to the user (browser download
// or the desktop save dialog), then one message saying how many rows went out.
import { useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import type { ExportResult, Input, Output } from '@contract';
import { api, type JobMethod } from '@/api/client';
import { formatCount } from '@/components/money';
import { useJob } from './useJob';
import { useShowError } from './useShowError';

type ExportMethod = { [M in JobMethod]: Output<M> extends ExportResult ? M : never }[JobMethod];

export function useExport() {
  const job = useJob();
  const message = useMessage();
  const showError = useShowError();
  const { t } = useI18n();

  async function run<M extends ExportMethod>(method: M, input: Omit<Input<M>, 'jobId'>): Promise<void> {
    try {
      const r = (await job.run(method, input)) as ExportResult;
      const saved = await api.downloadExport(r.fileName);
      message.success(t('reports.exported', { rows: formatCount(r.rows), fileName: r.fileName }));
      if (saved.savedPath) message.info(t('reports.savedTo', { path: saved.savedPath }));
      else if (!saved.saved) message.warning(t('reports.saveCancelled'));
    } catch (e) {
      showError(e);
    }
  }

  return { job, run };
}
