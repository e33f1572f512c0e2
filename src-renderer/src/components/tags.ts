// Status tags shared by the lists: the translated word in a colour that hints at the state.
// Drawn as naive-ui's borderless NTag looks (its theme colours come from the layout as CSS variables, see
// tagThemeVars), but as a plain span: a page of rows renders without a tag component in every row.
import { h } from 'vue';
import type { ThemeCommonVars } from 'naive-ui';

type TagType = 'default' | 'success' | 'warning' | 'error' | 'info' | 'primary';

export const PRODUCT_STATUS_TYPE: Record<string, TagType> = { listed: 'success', unlisted: 'default' };
export const AGENT_STATUS_TYPE: Record<string, TagType> = {
  lead: 'default',
  onboarding: 'info',
  active: 'success',
  dormant: 'warning',
  churned: 'default',
  blocked: 'error',
};
export const ORDER_STATUS_TYPE: Record<string, TagType> = {
  pending: 'warning',
  shipped: 'info',
  delivered: 'primary',
  completed: 'success',
  cancelled: 'default',
};

/** `size`: as NTag's (small: 22 px high, tiny: 16 px). */
export const renderTag = (text: string, type: TagType = 'default', size: 'small' | 'tiny' = 'small') =>
  h('span', { class: `cell-tag cell-tag--${type} cell-tag--${size}` }, text);

/** The theme colours .cell-tag reads (styles.css), set once on the layout; `dark`: NTag's stronger tint. */
export const tagThemeVars = (v: ThemeCommonVars, dark: boolean): Record<string, string> => ({
  '--tag-text': v.textColor2,
  '--tag-color': v.tagColor,
  '--tag-radius': v.borderRadius,
  '--tag-alpha': dark ? '16%' : '12%',
  '--tag-primary': v.primaryColor,
  '--tag-info': v.infoColor,
  '--tag-success': v.successColor,
  '--tag-warning': v.warningColor,
  '--tag-error': v.errorColor,
});
