// Status tags shared by the lists: the translated word in a colour that hints at the state.
import { h } from 'vue';
import { NTag } from 'naive-ui';

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

export const renderTag = (text: string, type: TagType = 'default') =>
  h(NTag, { size: 'small', type, bordered: false }, { default: () => text });
