// A few line icons for the sidebar (no icon package needed); 24×24, stroke = currentColor.
import { h, type FunctionalComponent } from 'vue';
import type { NavKey } from '@/router/nav';

const icon = (...d: string[]): FunctionalComponent => () =>
  h(
    'svg',
    { viewBox: '0 0 24 24', width: '1em', height: '1em', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.8, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true' },
    d.map((p) => h('path', { d: p })),
  );

/** The "show in full" eye next to masked personal data (PiiText). */
export const eyeIcon = icon('M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z', 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z');

export const navIcons: Record<NavKey, FunctionalComponent> = {
  workbench: icon('M3 11l9-7 9 7', 'M5 10v10h14V10', 'M10 20v-6h4v6'),
  catalog: icon('M3 7l9-4 9 4-9 4-9-4z', 'M3 7v10l9 4 9-4V7', 'M12 11v10'),
  agents: icon('M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M2 21v-1a6 6 0 0 1 12 0v1', 'M16 3.5a4 4 0 0 1 0 7', 'M18 14a6 6 0 0 1 4 6v1'),
  orders: icon('M6 2h12v20l-3-2-3 2-3-2-3 2V2z', 'M9 7h6', 'M9 11h6', 'M9 15h4'),
  reports: icon('M4 20V10', 'M10 20V4', 'M16 20v-7', 'M22 20H2'),
  audit: icon('M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5l8-3z', 'M9 12l2 2 4-4'),
  users: icon('M10 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M3 21v-1a7 7 0 0 1 10.5-6', 'M15 16h6v5h-6z', 'M16.5 16v-1.5a1.5 1.5 0 0 1 3 0V16'),
  settings: icon('M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z', 'M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z'),
};
