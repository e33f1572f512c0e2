// Personal data in naive-ui table columns: `render: (a) => renderPii(a.phone, { entity: 'agent', id: a.id, field: 'phone' }, a)`.
import { h } from 'vue';
import type { RevealTarget } from '@contract';
import { useAuthStore } from '@/stores/auth';
import PiiText from './PiiText.vue';

/**
 * Full values already revealed, per row object: virtual scrolling unmounts cells, and a reloaded list
 * brings new row objects, so a value stays shown exactly as long as the row it came from.
 */
export const revealedByRow = new WeakMap<object, Map<string, string>>();
export const revealKey = (t: RevealTarget) => `${t.entity}:${t.id}:${t.field}`;

/**
 * The (masked) value with the eye button for staff who may reveal it; `row` keeps a revealed value until the list
 * reloads. Staff who see values in full, or may not reveal them, get the same markup without a component per cell.
 */
export function renderPii(value: string, target: RevealTarget, row: object) {
  const auth = useAuthStore();
  const mayReveal = !!value && auth.can('pii.reveal') && !auth.can('pii.view');
  if (mayReveal || revealedByRow.get(row)?.has(revealKey(target))) return h(PiiText, { value, target, source: row });
  return h('span', { class: 'pii', 'data-pii': target.field }, [h('span', { 'data-testid': 'pii-value' }, value || '—')]);
}
