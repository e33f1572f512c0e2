import { describe, expect, it } from 'vitest';
import { METRIC_IDS, METRICS, presetPeriod } from '@contract';
import { formatChange, formatMetric, formatMovement, metricDefinition, metricName } from '@/components/metrics';
import { columnsKey, loadColumns, saveColumns, type KeyValueStore } from '@/components/columnMemory';
import { choiceFor, periodFromQuery } from '@/components/periods';
import { todayIn } from '@/components/dates';
import { INTERVAL_BINS, binLabel, intervalHistogram } from '@/views/agents/agentCharts';

const days = (n: string) => `${n} 天`;

describe('metric formatting', () => {
  it('shows each unit its way, and empty as — never 0', () => {
    expect(formatMetric('amount', 123450, days)).toBe('¥1,234.50');
    expect(formatMetric('orders', 12345, days)).toBe('12,345');
    expect(formatMetric('sellThrough', 0.2534, days)).toBe('25.3%');
    expect(formatMetric('growth', -0.5, days)).toBe('-50%');
    expect(formatMetric('medianInterval', 7.25, days)).toBe('7.3 天');
    expect(formatMetric('frequency', 1.256, days)).toBe('1.26');
    for (const id of METRIC_IDS) expect(formatMetric(id, null, days)).toBe('—');
    expect(formatMetric('aov', 0, days)).toBe('¥0.00');
  });

  it('names and defines every metric in both languages from the contract', () => {
    for (const id of METRIC_IDS) {
      expect(metricName(id, 'zh-CN')).toBe(METRICS[id].name['zh-CN']);
      expect(metricDefinition(id, 'en')).toBe(METRICS[id].definition.en);
    }
  });

  it('spells a rank movement as ↑n / ↓n / 新上榜 with its tone', () => {
    expect(formatMovement(3, 7, 'zh-CN')).toEqual({ text: '↑3', tone: 'up' });
    expect(formatMovement(-2, 3, 'zh-CN')).toEqual({ text: '↓2', tone: 'down' });
    expect(formatMovement(0, 4, 'zh-CN')).toEqual({ text: '持平', tone: 'same' });
    expect(formatMovement(null, null, 'zh-CN')).toEqual({ text: '新上榜', tone: 'new' });
    expect(formatMovement(0, 4, 'en')).toEqual({ text: 'Same', tone: 'same' });
  });

  it('says whether a change is for the better by the metric\'s direction', () => {
    expect(formatChange('amount', 15000, 10000, days)).toEqual({ text: '↑ ¥50.00 (+50%)', tone: 'up', good: true });
    expect(formatChange('recency', 20, 10, days)).toMatchObject({ text: '↑ 10 天 (+100%)', good: false });
    expect(formatChange('returnRate', 0.1, 0.25, days)).toEqual({ text: '↓ 15%', tone: 'down', good: true });
    expect(formatChange('orders', 3, 0, days)).toMatchObject({ text: '↑ 3', good: true });
    expect(formatChange('orders', 3, 3, days)).toMatchObject({ text: '=', good: null });
    expect(formatChange('aov', null, 100, days)).toMatchObject({ text: '', good: null });
  });
});

/** A Storage stand-in with the two methods the memory uses (node has no localStorage). */
function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('column memory', () => {
  const known = ['levelName', 'amount', 'orders', 'units'] as const;
  const defaults = ['amount', 'orders'] as const;

  it('remembers a choice per user and table', () => {
    const s = memoryStore();
    saveColumns(s, columnsKey('ranking', 'u1'), ['units', 'levelName']);
    expect(loadColumns(s, columnsKey('ranking', 'u1'), known, defaults)).toEqual(['units', 'levelName']);
    expect(loadColumns(s, columnsKey('ranking', 'u2'), known, defaults)).toEqual(['amount', 'orders']);
  });

  it('drops unknown and repeated columns, and falls back to the defaults when nothing usable is left', () => {
    const s = memoryStore();
    const key = columnsKey('ranking', 'u1');
    s.setItem(key, JSON.stringify(['units', 'gone', 'units', 7]));
    expect(loadColumns(s, key, known, defaults)).toEqual(['units']);
    s.setItem(key, JSON.stringify(['gone']));
    expect(loadColumns(s, key, known, defaults)).toEqual(['amount', 'orders']);
    s.setItem(key, '{not json');
    expect(loadColumns(s, key, known, defaults)).toEqual(['amount', 'orders']);
    expect(loadColumns(undefined, key, known, defaults)).toEqual(['amount', 'orders']);
    const broken: KeyValueStore = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(loadColumns(broken, key, known, defaults)).toEqual(['amount', 'orders']);
    expect(() => saveColumns(broken, key, ['units'])).not.toThrow();
  });
});

describe('periods handed between screens', () => {
  it('recognises a preset period, else custom', () => {
    const today = todayIn('Asia/Shanghai');
    expect(choiceFor(presetPeriod('last-30-days', today), 'Asia/Shanghai')).toBe('last-30-days');
    expect(choiceFor({ from: '2020-01-03', to: '2020-01-09' }, 'Asia/Shanghai')).toBe('custom');
  });

  it('reads a period from a link only when it is well-formed', () => {
    expect(periodFromQuery({ from: '2026-05-01', to: '2026-06-01' })).toEqual({ from: '2026-05-01', to: '2026-06-01' });
    expect(periodFromQuery({ from: '2026-06-01', to: '2026-05-01' })).toBeNull();
    expect(periodFromQuery({ from: '2026-6-1', to: '2026-07-01' })).toBeNull();
    expect(periodFromQuery({ from: ['2026-05-01'], to: '2026-06-01' })).toBeNull();
    expect(periodFromQuery({})).toBeNull();
  });
});

describe('order interval histogram', () => {
  it('counts every interval in exactly one bin', () => {
    expect(intervalHistogram([0, 3, 4, 7, 8, 30, 31, 90, 91, 400])).toEqual([2, 2, 1, 1, 1, 1, 2]);
    expect(intervalHistogram([])).toEqual(INTERVAL_BINS.map(() => 0));
    expect(INTERVAL_BINS.map(binLabel)).toEqual(['0–3', '4–7', '8–14', '15–30', '31–60', '61–90', '>90']);
  });
});
