import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePaste, splitMessages } from '../../src-main/domain/orders/paste/parsePaste';
import { matchLines, readLines, type CatalogEntry } from '../../src-main/domain/orders/paste/productLines';
import { initialsOf } from '../../src-main/domain/common/pinyin';

const product = (id: string, sku: string, name: string, aliases: string[] = []): CatalogEntry => ({ id, sku, name, initials: initialsOf(name), aliases });
const CATALOG = [
  product('p1', 'SN-001', '酸奶粉', ['酸奶']),
  product('p2', 'YS-002', '益生菌固体饮料', ['益生菌']),
  product('p3', 'NF-003', '全脂奶粉 900g'),
  product('p4', 'NF-004', '脱脂奶粉 900g'),
];

describe('product lines', () => {
  it('reads quantities written after or before the product, with x, ×, * or a unit', () => {
    expect(readLines(['酸奶粉 x2 益生菌2盒', '3袋全脂奶粉', '脱脂奶粉*4', '商品：酸奶粉×5'])).toEqual([
      { text: '酸奶粉', quantity: 2, quantityWritten: true },
      { text: '益生菌', quantity: 2, quantityWritten: true },
      { text: '全脂奶粉', quantity: 3, quantityWritten: true },
      { text: '脱脂奶粉', quantity: 4, quantityWritten: true },
      { text: '酸奶粉', quantity: 5, quantityWritten: true },
    ]);
  });
  it('matches by name, alias, SKU and pinyin initials, sure only when one product fits', () => {
    const [byName, byAlias, bySku, byInitials, bothMilks] = matchLines(['酸奶粉x1', '益生菌x1', 'NF-003x1', 'snfx1', '奶粉x1'], CATALOG);
    expect(byName).toMatchObject({ productId: 'p1', confidence: 1 });
    expect(byAlias).toMatchObject({ productId: 'p2', confidence: 0.95 });
    expect(bySku).toMatchObject({ productId: 'p3', confidence: 1 });
    expect(byInitials).toMatchObject({ productId: 'p1', confidence: 0.8 });
    // 奶粉 is part of three products' names: the reading says it is unsure and names the others.
    expect(bothMilks.confidence).toBeLessThanOrEqual(0.5);
    expect(new Set([bothMilks.productId, ...bothMilks.alternatives.map((a) => a.productId)])).toEqual(new Set(['p1', 'p3', 'p4']));
  });
});

describe('parsePaste', () => {
  it('reads two messages into two orders with their receivers and lines', () => {
    const orders = parsePaste('张三 13800138000 浙江省杭州市西湖区文三路100号3单元502 酸奶粉 x2\n\n收件人：李四\n电话：139 5001 2345\n地址：福清市石竹街道龙山村12号\n益生菌 2盒 全脂奶粉x1\n尽快发货', CATALOG);
    expect(orders).toHaveLength(2);
    expect(orders[0].receiver).toMatchObject({ name: '张三', mobile: '13800138000', detail: '文三路100号3单元502', region: { code: '330106' } });
    expect(orders[0].lines).toMatchObject([{ productId: 'p1', quantity: 2 }]);
    expect(orders[1].receiver).toMatchObject({ name: '李四', mobile: '13950012345', detail: '石竹街道龙山村12号', region: { code: '350181' } });
    expect(orders[1].lines).toMatchObject([{ productId: 'p2', quantity: 2 }, { productId: 'p3', quantity: 1 }]);
    expect(orders[1].remark).toBe('尽快发货');
  });
  it('cuts one message per line when each line is a whole message, and at numbered items and rules', () => {
    expect(splitMessages('王五 13800001111 北京市朝阳区建国路88号\n赵六 13612345678 长春市朝阳区人民大街5000号')).toHaveLength(2);
    expect(splitMessages('1. 王五 13800001111 北京市朝阳区建国路88号\n酸奶粉x1\n2、赵六 13612345678 长春市朝阳区人民大街5000号')).toEqual([
      '王五 13800001111 北京市朝阳区建国路88号\n酸奶粉x1',
      '赵六 13612345678 长春市朝阳区人民大街5000号',
    ]);
    expect(splitMessages('收件人：王五\n电话：13800001111\n-----\n收件人：赵六\n电话：13612345678')).toHaveLength(2);
  });
  it('fuzz: random text never throws, and every line has a positive quantity', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        for (const o of parsePaste(text, CATALOG)) for (const l of o.lines) expect(l.quantity).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });
});
