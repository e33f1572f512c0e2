// Personal data in naive-ui table columns: `render: (a) => renderPii(a.phone, { entity: 'agent', id: a.id, field: 'phone' }, a)`.
import { h } from 'vue';
import type { RevealTarget } from '@contract';
import PiiText from './PiiText.vue';

/** The (masked) value with the eye button for staff who may reveal it; `row` keeps a revealed value until the list reloads. */
export const renderPii = (value: string, target: RevealTarget, row: object) => h(PiiText, { value, target, source: row });
