// What the Excel reports call things (the files are in Chinese, like the ranking export).
export const ORDER_STATUS_ZH: Record<string, string> = { pending: '待发货', shipped: '已发货', delivered: '已签收', completed: '已完成', cancelled: '已取消' };
export const ORDER_KIND_ZH: Record<string, string> = { dropship: '代发', stock: '囤货' };
export const AGENT_STATUS_ZH: Record<string, string> = { lead: '意向', onboarding: '入驻中', active: '活跃', dormant: '沉睡', churned: '流失', blocked: '已停用' };

/** The line every report's summary has about personal data. */
export const piiLine = (masked: boolean) => ({ label: '个人信息', value: masked ? '已脱敏（无查看个人信息权限）' : '完整' });
