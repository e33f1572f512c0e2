// Wipe or replace all business data (workbench demo notice, settings). Both ask first, then
// refresh the app info and forget cached view state that pointed at the old data.
import { ref } from 'vue';
import { useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { api } from '@/api/client';
import { useAppStore } from '@/stores/app';
import { useCatalogStore } from '@/stores/catalog';
import { useAgentsStore } from '@/stores/agents';
import { useOrdersStore } from '@/stores/orders';
import { useUsersStore } from '@/stores/users';
import { useReportsStore } from '@/stores/reports';
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
  // Staff accounts change too: the demo brings its accounts, clearing removes them (a restore keeps them).
  const stores = [useCatalogStore(), useAgentsStore(), useOrdersStore(), useUsersStore(), useReportsStore()];
  const demoJob = useJob();

  /** Forget cached view state of the old data (after a restore, which also ends the session). */
  const forgetData = () => stores.forEach((s) => s.invalidate());

  /** Forget cached view state of the old data and reload the app info. */
  async function afterDataChange() {
    forgetData();
    await app.loadInfo();
  }

  /** Asks with the texts `${confirmKey}Title/Body/Ok`; if confirmed, runs `work` and shows the message it returns. */
  async function confirmThen(confirmKey: string, work: () => Promise<string>): Promise<boolean> {
    const ok = await confirm({
      title: t(`${confirmKey}Title`),
      content: t(`${confirmKey}Body`),
      positiveText: t(`${confirmKey}Ok`),
    });
    if (!ok) return false;
    try {
      message.success(await work());
      await afterDataChange();
      return true;
    } catch (e) {
      showError(e);
      return false;
    }
  }

  /** True from the click until the clear is done or declined (both pages show it on their button). */
  const clearing = ref(false);
  /** Resolves true when the data was cleared. */
  async function clearAll(): Promise<boolean> {
    clearing.value = true;
    try {
      return await confirmThen('dataActions.confirmClear', async () => {
        await api.system.startEmpty({ confirm: true });
        return t('dataActions.cleared');
      });
    } finally {
      clearing.value = false;
    }
  }

  function reloadDemo(): Promise<boolean> {
    return confirmThen('dataActions.confirmLoadDemo', async () => {
      const r = await demoJob.run('system.loadDemo', DEMO_SIZE);
      return t('dataActions.demoLoaded', { agents: formatCount(r.agents), products: formatCount(r.products), orders: formatCount(r.orders) });
    });
  }

  return { clearAll, clearing, reloadDemo, demoJob, afterDataChange, forgetData };
}
