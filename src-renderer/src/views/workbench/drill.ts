// Where each figure of the dashboard leads: the list that shows exactly the set it counts, for the same
// period, or nothing when this user may not open that list.
import { useRouter } from 'vue-router';
import type { DayPeriod } from '@contract';
import { useAuthStore } from '@/stores/auth';
import { useAgentsStore } from '@/stores/agents';
import { useOrdersStore } from '@/stores/orders';
import { useReportsStore } from '@/stores/reports';
import { useCatalogStore } from '@/stores/catalog';
import { addDays } from '@/components/dates';
import type { PeriodChoice } from '@/hooks/usePeriod';

export function useDrill(period: () => DayPeriod & { preset: PeriodChoice }) {
  const router = useRouter();
  const auth = useAuthStore();
  const agents = useAgentsStore();
  const orders = useOrdersStore();
  const reports = useReportsStore();
  const catalog = useCatalogStore();
  const span = () => ({ from: period().from, to: period().to });

  return {
    can: {
      agents: auth.can('agents.view'),
      orders: auth.can('orders.view'),
      ranking: auth.can('reports.view'),
      products: auth.can('reports.view') || auth.can('catalog.view'),
    },
    /** The counted orders of one day. */
    day(day: string) {
      orders.showDay(day, addDays(day, 1));
      void router.push('/orders');
    },
    newAgents() {
      agents.showOnly({ joinedIn: span() });
      void router.push('/agents');
    },
    activeAgents() {
      agents.showOnly({ orderedIn: span() });
      void router.push('/agents');
    },
    /** Dormant or churned as of the period's end, or joined in it and converted within 14 days. */
    flagged(kind: 'dormant' | 'churned' | 'converted') {
      agents.showOnly({ signal: { kind, ...span() } });
      void router.push('/agents');
    },
    /** A province's purchases: the ranking within it (its total is the bar), else its agents. */
    province(province: string) {
      if (auth.can('reports.view')) {
        reports.showRanking({ ...period(), metric: 'amount', filters: { provinces: [province] } });
        void router.push('/reports');
      } else {
        agents.showOnly({ province });
        void router.push('/agents');
      }
    },
    ranking(metric: 'amount' | 'orders') {
      reports.showRanking({ ...period(), metric, filters: {} });
      void router.push('/reports');
    },
    agent(agentId: string) {
      void router.push({ name: 'agent', params: { id: agentId }, query: span() });
    },
    /** A product: the product ranking for the period, else the product in the catalog. */
    product(sku: string) {
      if (auth.can('reports.view')) {
        reports.showProducts({ ...period(), metric: 'amount' });
        void router.push('/reports');
      } else {
        Object.assign(catalog.query, { page: 1, search: sku, status: null, category: null });
        void router.push('/catalog');
      }
    },
  };
}
