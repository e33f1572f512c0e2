/**
 * Names that are no longer divisions but that people still write, with the division that holds the place now
 * (`now`, checked against the data when the index is built: `nowName` must be its name). Only renames and
 * mergers whose stem changed: 双流县 → 双流区 needs no entry, the short form 双流 matches the district.
 * A former name loses to a current one with the same text (平江 is 岳阳's 平江县 before 苏州's old 平江区).
 */
export interface FormerName {
  name: string;
  now: string;
  nowName: string;
  /** Year of the change, for the reader. */
  year: number;
}

export const FORMER_DISTRICTS: FormerName[] = [
  { name: '下城区', now: '330105', nowName: '拱墅区', year: 2021 },
  { name: '江干区', now: '330102', nowName: '上城区', year: 2021 },
  { name: '横县', now: '450181', nowName: '横州市', year: 2021 },
  { name: '塘沽区', now: '120116', nowName: '滨海新区', year: 2009 },
  { name: '汉沽区', now: '120116', nowName: '滨海新区', year: 2009 },
  { name: '大港区', now: '120116', nowName: '滨海新区', year: 2009 },
  { name: '崇文区', now: '110101', nowName: '东城区', year: 2010 },
  { name: '宣武区', now: '110102', nowName: '西城区', year: 2010 },
  { name: '闸北区', now: '310106', nowName: '静安区', year: 2015 },
  { name: '卢湾区', now: '310101', nowName: '黄浦区', year: 2011 },
  { name: '南汇区', now: '310115', nowName: '浦东新区', year: 2009 },
  { name: '萝岗区', now: '440112', nowName: '黄埔区', year: 2014 },
  { name: '白下区', now: '320104', nowName: '秦淮区', year: 2013 },
  { name: '下关区', now: '320106', nowName: '鼓楼区', year: 2013 },
  { name: '沧浪区', now: '320508', nowName: '姑苏区', year: 2012 },
  { name: '平江区', now: '320508', nowName: '姑苏区', year: 2012 },
  { name: '金阊区', now: '320508', nowName: '姑苏区', year: 2012 },
  { name: '江东区', now: '330212', nowName: '鄞州区', year: 2016 },
  { name: '四方区', now: '370203', nowName: '市北区', year: 2012 },
  { name: '郫县', now: '510117', nowName: '郫都区', year: 2016 },
  { name: '户县', now: '610118', nowName: '鄠邑区', year: 2016 },
  { name: '万盛区', now: '500110', nowName: '綦江区', year: 2011 },
  { name: '双桥区', now: '500111', nowName: '大足区', year: 2011 },
  { name: '东陵区', now: '210112', nowName: '浑南区', year: 2014 },
  { name: '莱城区', now: '370116', nowName: '莱芜区', year: 2019 },
  { name: '莱芜市', now: '370116', nowName: '莱芜区', year: 2019 },
  { name: '崇安区', now: '320213', nowName: '梁溪区', year: 2015 },
  { name: '南长区', now: '320213', nowName: '梁溪区', year: 2015 },
  { name: '北塘区', now: '320213', nowName: '梁溪区', year: 2015 },
  { name: '楚州区', now: '320803', nowName: '淮安区', year: 2012 },
  { name: '清河区', now: '320812', nowName: '清江浦区', year: 2016 },
  { name: '清浦区', now: '320812', nowName: '清江浦区', year: 2016 },
  { name: '开县', now: '500154', nowName: '开州区', year: 2016 },
  { name: '唐海县', now: '130209', nowName: '曹妃甸区', year: 2012 },
  { name: '滦县', now: '130284', nowName: '滦州市', year: 2018 },
  { name: '芜湖县', now: '340210', nowName: '湾沚区', year: 2020 },
  { name: '开元区', now: '350203', nowName: '思明区', year: 2003 },
  { name: '鼓浪屿区', now: '350203', nowName: '思明区', year: 2003 },
  { name: '杏林区', now: '350205', nowName: '海沧区', year: 2003 },
  { name: '开封县', now: '410212', nowName: '祥符区', year: 2014 },
  { name: '金明区', now: '410202', nowName: '龙亭区', year: 2014 },
  { name: '许昌县', now: '411003', nowName: '建安区', year: 2016 },
  { name: '小河区', now: '520111', nowName: '花溪区', year: 2012 },
  { name: '盘县', now: '520281', nowName: '盘州市', year: 2017 },
  { name: '林芝县', now: '540402', nowName: '巴宜区', year: 2015 },
  { name: '那曲县', now: '540602', nowName: '色尼区', year: 2017 },
  { name: '东山区', now: '650109', nowName: '米东区', year: 2007 },
];

export const FORMER_CITIES: FormerName[] = [
  { name: '襄樊市', now: '4206', nowName: '襄阳市', year: 2010 },
  { name: '思茅市', now: '5308', nowName: '普洱市', year: 2007 },
];
