// What the Excel reports (statement, dormant and stock-piling lists, product sales) call things, one table per
// language: the main process has no i18n. Agent statuses come from the contract (AGENT_STATUS_NAMES, shared with the
// ranking); order statuses and kinds say what the renderer's status.order / status.kind say, and en has exactly
// zh-CN's keys (tests/unit/reportLabels.test.ts checks both).
import type { orderKind, orderStatus, ReportLocale } from '@contract';
import type { z } from 'zod';

export type OrderStatus = z.infer<typeof orderStatus>;
export type OrderKind = z.infer<typeof orderKind>;

const zhCN = {
  orderStatus: { pending: '待发货', shipped: '已发货', delivered: '已签收', completed: '已完成', cancelled: '已取消' } as Record<OrderStatus, string>,
  orderKind: { dropship: '代发', stock: '囤货' } as Record<OrderKind, string>,
  common: {
    summarySheet: '汇总',
    report: '报表',
    timeZone: '时区',
    pii: '个人信息',
    piiMasked: '已脱敏（无查看个人信息权限）',
    piiFull: '完整',
    scope: '范围',
    assignedOnly: '仅分配给导出人的代理',
    agents: '代理数',
    unassigned: '未分配',
    basis: '口径',
    sellThroughBasis: '动销率口径',
    sellThroughText: '到达消费者件数 ÷ 进货件数；到达消费者 = 代发发货件数 − 代发退货 + 上报动销件数',
    /** A span of days, both ends included. */
    span: (from: string, last: string) => `${from} 至 ${last}`,
  },
  agentColumns: { code: '代理编号', name: '代理', phone: '手机', csName: '客服', levelName: '等级', status: '状态' },
  statement: {
    file: '对账单',
    staffTitle: (name: string) => `客服 ${name}`,
    title: (month: string, agent: string) => `对账单 ${month}　${agent}`,
    period: (span: string, timeZone: string) => `${span}（${timeZone}）`,
    code: '代理编号',
    agent: '代理',
    level: '等级',
    cs: '客服',
    periodLabel: '期间',
    orders: '订单明细',
    refunds: '售后退款（按登记日计入本月）',
    totals: '合计',
    orderColumns: {
      orderNo: '订单号', day: '下单日', kind: '类型', status: '状态', receiver: '收货人', phone: '收货电话', region: '收货地区',
      product: '商品', sku: 'SKU', quantity: '数量', unitPrice: '单价', amount: '金额', shipping: '运费',
    },
    refundColumns: { day: '退款日', orderNo: '订单号', placedDay: '订单下单日', reason: '原因', units: '退货件数', refund: '退款金额' },
    summaryColumns: {
      code: '代理编号', name: '代理', level: '等级', orders: '订单数（不含已取消）', cancelled: '已取消订单', goods: '货款', shipping: '运费',
      refunds: '本月退款', amount: '进货额（货款−退款）', net: '应付净额（货款+运费−退款）',
    },
    countedOrders: '订单数（不含已取消）',
    cancelledOrders: '已取消订单（不计入合计）',
    goods: '货款',
    shipping: '运费',
    refund: '退款',
    amount: '进货额（货款−退款，同分析口径）',
    net: '应付净额（货款+运费−退款）',
    netShort: '应付净额',
    rules: '计入订单：本月下单且未取消；已取消订单列出但不计入合计。退款按售后登记日计入当月，无论订单是哪个月下的（“订单下单日”列注明）。',
    notesSheet: '说明',
    report: (month: string, title: string) => `对账单 ${month}（${title}）`,
  },
  agentList: { asOf: '截至日期（含）' },
  dormant: {
    file: '沉睡代理',
    sheet: '沉睡代理',
    columns: {
      lastDay: '最近下单日', recency: '距今天数', median: '下单间隔中位数（天）', orders90: '近90天订单数', amount90: '近90天进货额',
      orders365: '近365天订单数', amount365: '近365天进货额', churnRisk: '流失风险',
    },
    dormantBasis: '沉睡口径',
    dormantText: '距最近一次计入订单 ≥ max(2 × 下单间隔中位数, 30 天)；只有一单的代理按 30 天间隔；从未下单的代理不计',
    churnBasis: '流失风险口径',
    churnText: 'min(距今天数 ÷ (2 × 下单间隔), 1)',
    amountBasis: '进货额口径',
    amountText: '计入订单（未取消）的货款 − 期间内售后退款；运费另计',
  },
  stockPiling: {
    file: '压货预警',
    sheet: '压货预警',
    columns: {
      stockUnits: '近60天囤货件数', unitsBought: '近60天进货件数', consumerUnits: '到达消费者件数', reported: '其中上报动销件数',
      sellThrough: '动销率', lastReport: '最近动销上报日',
    },
    alertBasis: '预警口径',
    alertText: (days: number, units: number, percent: number) => `近 ${days} 天囤货订单件数 ≥ ${units} 且同期动销率 < ${percent}%（设置项）`,
  },
  productSales: {
    file: '商品销售',
    sheet: '商品销售',
    columns: {
      sku: 'SKU', name: '商品', category: '分类', units: '件数（已扣退货）', prevUnits: '上期件数', unitsGrowth: '件数增长',
      amount: '进货额', prevAmount: '上期进货额', amountGrowth: '进货额增长', orders: '订单数', prevOrders: '上期订单数',
      agents: '订货代理数', prevAgents: '上期订货代理数', sellThrough: '动销率', prevSellThrough: '上期动销率',
      returnRate: '退货率', prevReturnRate: '上期退货率',
    },
    report: '商品销售报表',
    from: '开始日期',
    to: '结束日期（含）',
    previous: '对比期间',
    products: '商品数',
    basisText: '计入订单：期间内下单且未取消；进货额 = 计入订单行的货款（退款属于售后单，不分摊到商品）；件数扣除期间内退货',
    returnBasis: '退货率口径',
    returnText: '期间内退货件数 ÷ 期间内发货件数',
    channelOnly: '全渠道（商品数据不涉及具体代理）',
  },
};

export type ReportLabels = typeof zhCN;

const en: ReportLabels = {
  orderStatus: { pending: 'Pending', shipped: 'Shipped', delivered: 'Delivered', completed: 'Completed', cancelled: 'Cancelled' },
  orderKind: { dropship: 'Dropship', stock: 'Stock' },
  common: {
    summarySheet: 'Summary',
    report: 'Report',
    timeZone: 'Time zone',
    pii: 'Personal data',
    piiMasked: 'Masked (no permission to view personal data)',
    piiFull: 'Full',
    scope: 'Scope',
    assignedOnly: 'Only the agents assigned to the exporter',
    agents: 'Agents',
    unassigned: 'Unassigned',
    basis: 'Basis',
    sellThroughBasis: 'Sell-through: definition',
    sellThroughText: 'Units that reached consumers ÷ units bought; reached consumers = dropship units shipped − dropship returns + reported sell-through units',
    span: (from, last) => `${from} to ${last}`,
  },
  agentColumns: { code: 'Agent code', name: 'Agent', phone: 'Mobile', csName: 'CS staff', levelName: 'Level', status: 'Status' },
  statement: {
    file: 'Statement',
    staffTitle: (name) => `CS staff ${name}`,
    title: (month, agent) => `Statement ${month}  ${agent}`,
    period: (span, timeZone) => `${span} (${timeZone})`,
    code: 'Agent code',
    agent: 'Agent',
    level: 'Level',
    cs: 'CS staff',
    periodLabel: 'Period',
    orders: 'Orders',
    refunds: 'After-sales refunds (in the month they were registered)',
    totals: 'Totals',
    orderColumns: {
      orderNo: 'Order no.', day: 'Placed on', kind: 'Kind', status: 'Status', receiver: 'Receiver', phone: 'Receiver phone', region: 'Receiver region',
      product: 'Product', sku: 'SKU', quantity: 'Quantity', unitPrice: 'Unit price', amount: 'Amount', shipping: 'Shipping',
    },
    refundColumns: { day: 'Refunded on', orderNo: 'Order no.', placedDay: 'Order placed on', reason: 'Reason', units: 'Units returned', refund: 'Refund' },
    summaryColumns: {
      code: 'Agent code', name: 'Agent', level: 'Level', orders: 'Orders (not cancelled)', cancelled: 'Cancelled orders', goods: 'Goods', shipping: 'Shipping',
      refunds: 'Refunds this month', amount: 'Purchase amount (goods − refunds)', net: 'Net payable (goods + shipping − refunds)',
    },
    countedOrders: 'Orders (not cancelled)',
    cancelledOrders: 'Cancelled orders (not in the totals)',
    goods: 'Goods',
    shipping: 'Shipping',
    refund: 'Refunds',
    amount: 'Purchase amount (goods − refunds, as in analytics)',
    net: 'Net payable (goods + shipping − refunds)',
    netShort: 'Net payable',
    rules:
      'Counted orders: placed in the month and not cancelled; cancelled orders are listed but not counted. A refund counts in the month its after-sales case was registered, whichever month the order was placed in (see "Order placed on").',
    notesSheet: 'Notes',
    report: (month, title) => `Statement ${month} (${title})`,
  },
  agentList: { asOf: 'As of (inclusive)' },
  dormant: {
    file: 'Dormant agents',
    sheet: 'Dormant agents',
    columns: {
      lastDay: 'Last order day', recency: 'Days since', median: 'Median order interval (days)', orders90: 'Orders, last 90 days',
      amount90: 'Purchase amount, last 90 days', orders365: 'Orders, last 365 days', amount365: 'Purchase amount, last 365 days', churnRisk: 'Churn risk',
    },
    dormantBasis: 'Dormant: definition',
    dormantText: 'Last counted order at least max(2 × median order interval, 30 days) ago; agents with one order use a 30-day interval; agents who never ordered are left out',
    churnBasis: 'Churn risk: definition',
    churnText: 'min(days since ÷ (2 × order interval), 1)',
    amountBasis: 'Purchase amount: definition',
    amountText: 'Goods of counted (not cancelled) orders − after-sales refunds in the period; shipping apart',
  },
  stockPiling: {
    file: 'Stock piling',
    sheet: 'Stock piling',
    columns: {
      stockUnits: 'Stock units, last 60 days', unitsBought: 'Units bought, last 60 days', consumerUnits: 'Units that reached consumers',
      reported: 'Of them reported sold', sellThrough: 'Sell-through', lastReport: 'Last sell-through report',
    },
    alertBasis: 'Alert: definition',
    alertText: (days, units, percent) => `Stock-order units in the last ${days} days ≥ ${units} and sell-through over them < ${percent}% (settings)`,
  },
  productSales: {
    file: 'Product sales',
    sheet: 'Product sales',
    columns: {
      sku: 'SKU', name: 'Product', category: 'Category', units: 'Units (net of returns)', prevUnits: 'Previous units', unitsGrowth: 'Units growth',
      amount: 'Purchase amount', prevAmount: 'Previous purchase amount', amountGrowth: 'Amount growth', orders: 'Orders', prevOrders: 'Previous orders',
      agents: 'Ordering agents', prevAgents: 'Previous ordering agents', sellThrough: 'Sell-through', prevSellThrough: 'Previous sell-through',
      returnRate: 'Return rate', prevReturnRate: 'Previous return rate',
    },
    report: 'Product sales report',
    from: 'From',
    to: 'To (inclusive)',
    previous: 'Compared with',
    products: 'Products',
    basisText:
      'Counted orders: placed in the period and not cancelled; purchase amount = goods of counted order lines (refunds belong to after-sales cases and are not split onto products); units net of returns in the period',
    returnBasis: 'Return rate: definition',
    returnText: 'Units returned in the period ÷ units shipped in the period',
    channelOnly: 'The whole channel (product figures name no agent)',
  },
};

export const REPORT_LABELS: Record<ReportLocale, ReportLabels> = { 'zh-CN': zhCN, en };

/** The line every report's summary has about personal data. */
export const piiLine = (w: ReportLabels, masked: boolean) => ({ label: w.common.pii, value: masked ? w.common.piiMasked : w.common.piiFull });

/** A report's file name: its name in the report's language, what it covers, and a stamp that keeps names apart. */
export const reportFileName = (name: string, parts: string[], now = Date.now()) =>
  `${[name, ...parts].join('_').replace(/[\\/:*?"<>|\s]+/g, '_')}_${now.toString(36)}.xlsx`;
