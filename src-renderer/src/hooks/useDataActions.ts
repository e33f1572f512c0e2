// Wipe or replace all business data (workbench demo notice, settings). Both ask first, then
// refresh the app info and forget cached view state that pointed at the old data.
import { useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { api } from '@/api/client';
import { useAppStore } from '@/stores/app';
import { useCatalogStore } from '@/stores/catalog';
import { useAgentsStore } from '@/stores/agents';
import { useOrdersStore } from '@/stores/orders';
import { formatCount } from '@/components/money';
import { useConfirm } from './useConfirm';
import { useJob } from './useJob';
import { useShowError } from './useShowError';

/** The demo the settings page reloads: the same size as the first-run demo. */
export const DEMO_SIZE = { agents: 1000, orders: 30000, seed: 1 } as const;

export function useDataActions() {
  const { t } = useI18n();
  const message = useMessage();
  const confirm = useConfirm();
  const showError = useShowError();
  const app = useAppStore();
  const stores = [useCatalogStore(), useAgentsStore(), useOrdersStore()];
  const demoJob = useJob();

  async function afterDataChange() {
    stores.forEach((s) => s.invalidate());
    await app.loadInfo();
  }

  /** Resolves true when the data was cleared. */
  async function clearAll(): Promise<boolean> {
    const ok = await confirm({
      title: t('dataActions.confirmClearTitle'),
      content: t('dataActions.confirmClearBody'),
      positiveText: t('dataActions.confirmClearOk'),
    });
    if (!ok) return false;
    try {
      await api.system.startEmpty({ confirm: true });
      message.success(t('dataActions.cleared'));
      await afterDataChange();
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  }

  async function reloadDemo(): Promise<boolean> {
    const ok = await confirm({
      title: t('dataActions.confirmLoadDemoTitle'),
      content: t('dataActions.confirmLoadDemoBody'),
      positiveText: t('dataActions.confirmLoadDemoOk'),
    });
    if (!ok) return false;
    try {
      const r = await demoJob.run('system.loadDemo', DEMO_SIZE);
      message.success(
        t('dataActions.demoLoaded', { agents: formatCount(r.agents), products: formatCount(r.products), orders: formatCount(r.orders) }),
      );
      await afterDataChange();
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  }

  return { clearAll, reloadDemo, demoJob };
}
