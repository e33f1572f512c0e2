// Content tables for the demo data: what a real 一件代发 supplier's catalog, agents and customers look like.

/** Agent levels with the agent price as a share of the suggested retail price. */
export const LEVELS = [
  { code: 'L1', name: '体验代理', rank: 1, priceShare: 0.75, weight: 45 },
  { code: 'L2', name: '银牌代理', rank: 2, priceShare: 0.65, weight: 30 },
  { code: 'L3', name: '金牌代理', rank: 3, priceShare: 0.58, weight: 17 },
  { code: 'L4', name: '总代理', rank: 4, priceShare: 0.5, weight: 8 },
] as const;

export const CATEGORIES = ['食品', '美妆个护', '母婴', '保健', '生鲜农产品'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface ProductSeed {
  sku: string;
  name: string;
  category: Category;
  spec: string;
  usage: string;
  /** Suggested retail price in yuan, as printed on the price list. */
  retail: number;
  weightG: number;
  /** Relative sales volume. */
  popularity: number;
  /** Months (1–12, inclusive, may wrap over New Year) in which fresh produce is sold. */
  season?: [number, number];
  /** Taken off the shelf 45 days before the end of the history. */
  unlisted?: true;
}

const p = (
  sku: string,
  category: Category,
  name: string,
  spec: string,
  retail: number,
  weightG: number,
  popularity: number,
  usage: string,
  extra: Partial<ProductSeed> = {},
): ProductSeed => ({ sku, category, name, spec, retail, weightG, popularity, usage, ...extra });

export const PRODUCTS: readonly ProductSeed[] = [
  p('SP-1001', '食品', '手工红糖姜茶', '12g×20条/盒', 59.9, 280, 8, '每次1条，用200ml 80℃以上热水冲泡，搅匀即饮。'),
  p('SP-1002', '食品', '黑芝麻核桃粉', '500g/罐', 49.9, 600, 6, '取30g加200ml温开水或牛奶冲调，早餐代餐均可。'),
  p('SP-1003', '食品', '每日坚果混合装', '25g×30袋/箱', 129, 900, 9, '每天1袋，开袋即食，开封后请尽快食用。'),
  p('SP-1004', '食品', '低脂即食鸡胸肉', '100g×10袋', 69.9, 1100, 7, '开袋即食，微波加热30秒口感更佳。'),
  p('SP-1005', '食品', '柳州螺蛳粉', '335g×3袋', 39.9, 1050, 9, '米粉冷水泡软后煮5分钟，加入汤料包和配料包即可。'),
  p('SP-1006', '食品', '手工牛轧糖', '500g/袋', 45, 520, 4, '开袋即食，置于阴凉干燥处保存。'),
  p('SP-1007', '食品', '古树普洱茶饼', '357g/饼', 168, 420, 3, '撬取5–8g，沸水洗茶一遍后冲泡，可续泡10次以上。'),
  p('SP-1008', '食品', '五常稻花香大米', '5kg/袋', 89.9, 5100, 6, '淘洗1–2遍，米水比例1:1.2，浸泡20分钟后蒸煮。'),
  p('SP-1009', '食品', '冻干柠檬片', '150g/罐', 36.9, 260, 5, '取2–3片用温水冲泡，可加蜂蜜调味。'),
  p('SP-1010', '食品', '高纤燕麦脆片', '400g/袋', 32.9, 430, 5, '加牛奶或酸奶即食，也可直接干吃。'),
  p('SP-1011', '食品', '麻辣辣条大礼包', '1kg/箱', 29.9, 1100, 4, '开袋即食，辣度较高，儿童慎食。', { unlisted: true }),
  p('SP-1012', '食品', '手撕风干牛肉干', '250g/袋', 58, 280, 5, '开袋即食，开封后冷藏保存并在3天内食用完。'),

  p('MZ-2001', '美妆个护', '玻尿酸补水面膜', '25ml×10片/盒', 99, 350, 9, '洁面后敷15–20分钟，取下后轻拍至精华吸收，每周2–3次。'),
  p('MZ-2002', '美妆个护', '氨基酸洁面乳', '120g/支', 69, 160, 7, '取适量于掌心加水揉出泡沫，按摩面部后清水洗净。'),
  p('MZ-2003', '美妆个护', '烟酰胺美白身体乳', '250ml/瓶', 79, 330, 6, '沐浴后取适量均匀涂抹全身，按摩至吸收。'),
  p('MZ-2004', '美妆个护', '清爽防晒霜SPF50+', '50ml/支', 128, 90, 6, '出门前15分钟涂抹于面部和颈部，每2小时补涂一次。'),
  p('MZ-2005', '美妆个护', '无硅油控油洗发水', '500ml/瓶', 59.9, 580, 7, '湿发后取适量揉出泡沫，按摩头皮1–2分钟后冲净。'),
  p('MZ-2006', '美妆个护', '香氛护手霜礼盒', '30g×5支/盒', 49.9, 260, 5, '取黄豆大小均匀涂抹双手，秋冬可随时补涂。'),
  p('MZ-2007', '美妆个护', '二裂酵母精华水', '150ml/瓶', 159, 300, 5, '洁面后取适量于化妆棉或掌心，轻拍全脸至吸收。'),
  p('MZ-2008', '美妆个护', '丝绒哑光口红', '3.5g/支', 89, 60, 4, '直接涂抹于唇部，先涂唇膏打底更显色。'),
  p('MZ-2009', '美妆个护', '益生菌美白牙膏', '120g×3支', 45, 420, 6, '每日早晚各刷牙一次，每次不少于2分钟。'),
  p('MZ-2010', '美妆个护', '温和卸妆水', '400ml/瓶', 69, 450, 5, '用化妆棉浸湿后轻敷眼唇10秒，再轻轻擦拭。'),
  p('MZ-2011', '美妆个护', '留香沐浴露', '750ml/瓶', 55, 820, 5, '取适量于浴球揉出泡沫，涂抹全身后冲净。'),
  p('MZ-2012', '美妆个护', '视黄醇紧致眼霜', '20g/支', 138, 80, 3, '晚间取绿豆大小，用无名指点涂眼周并轻按至吸收。', { unlisted: true }),

  p('MY-3001', '母婴', '超薄透气纸尿裤L码', '52片/包', 119, 1300, 9, '按宝宝体重选码，魔术贴松紧适中，及时更换。'),
  p('MY-3002', '母婴', '婴儿手口湿巾', '80抽×6包', 39.9, 2300, 8, '抽取即用，用后贴好封口贴防止变干。'),
  p('MY-3003', '母婴', '有机高铁米粉', '250g/罐', 68, 380, 6, '6月龄以上，取米粉加入约70℃温水调成糊状。'),
  p('MY-3004', '母婴', '婴儿洗发沐浴二合一', '400ml/瓶', 59, 470, 5, '取适量于掌心揉出泡沫，轻揉头发和身体后冲净。'),
  p('MY-3005', '母婴', '儿童软毛牙刷', '4支/卡', 29.9, 80, 5, '每3个月更换一次，家长协助刷牙。'),
  p('MY-3006', '母婴', '宝宝营养辅食面条', '200g/盒', 25.9, 240, 5, '水开后放入煮3–5分钟，可搭配蔬菜泥食用。'),
  p('MY-3007', '母婴', '宽口径防胀气奶瓶', '240ml/个', 89, 200, 4, '首次使用前煮沸消毒5分钟，每次使用后清洗。'),
  p('MY-3008', '母婴', '婴儿护臀膏', '30g/支', 45, 60, 5, '每次换尿布时清洁并擦干后薄涂于臀部。'),
  p('MY-3009', '母婴', '一次性防溢乳垫', '100片/盒', 39, 300, 4, '撕去背胶贴于文胸内侧，每3–4小时更换。'),
  p('MY-3010', '母婴', '儿童保湿面霜', '50g/瓶', 49, 120, 4, '洁面后取适量点涂于面部并轻柔抹开。'),
  p('MY-3011', '母婴', '婴儿棉柔巾', '100抽×3包', 35.9, 650, 6, '干湿两用，蘸水后可用于擦拭口鼻。'),
  p('MY-3012', '母婴', '儿童高钙奶酪棒', '500g/袋(约25支)', 59.9, 560, 7, '冷藏保存，撕开包装即食，每天1–2支。'),

  p('BJ-4001', '保健', '益生菌冻干粉', '2g×30袋/盒', 168, 150, 7, '每日1袋，用40℃以下温水或牛奶冲服。'),
  p('BJ-4002', '保健', '胶原蛋白肽口服液', '50ml×10瓶/盒', 298, 700, 5, '每日1瓶，睡前饮用，摇匀后口服。'),
  p('BJ-4003', '保健', '深海鱼油软胶囊', '1000mg×100粒/瓶', 158, 210, 5, '每日2次，每次1粒，随餐服用。'),
  p('BJ-4004', '保健', '维生素C泡腾片', '4g×20片/支', 39.9, 110, 7, '每日1片，放入200ml凉开水中溶解后饮用。'),
  p('BJ-4005', '保健', '复合维生素片', '60片/瓶', 128, 130, 5, '每日1片，早餐后用温水送服。'),
  p('BJ-4006', '保健', '果蔬酵素饮', '50ml×10瓶/盒', 199, 720, 4, '每日1瓶，空腹或餐前饮用，开瓶后请冷藏。'),
  p('BJ-4007', '保健', '即食阿胶糕', '500g/盒', 138, 600, 5, '每日早晚各1–2片，直接食用。'),
  p('BJ-4008', '保健', '宁夏枸杞原浆', '30ml×10袋/盒', 99, 420, 5, '每日1袋，早晨空腹饮用，可直接饮用或兑水。'),
  p('BJ-4009', '保健', '钙维D软胶囊', '60粒/瓶', 89, 120, 5, '每日1粒，随餐服用吸收更好。'),
  p('BJ-4010', '保健', '乳清蛋白粉', '400g/罐', 198, 500, 4, '取1勺(约10g)加200ml温水或牛奶摇匀饮用。'),
  p('BJ-4011', '保健', '即食冰糖燕窝', '45g×6瓶/盒', 268, 620, 4, '冷藏后口感更佳，开盖即食。'),
  p('BJ-4012', '保健', '氨糖软骨素钙片', '90片/瓶', 168, 180, 4, '每日3次，每次1片，饭后嚼食或吞服。'),

  p('SX-5001', '生鲜农产品', '赣南脐橙', '5kg/箱', 69.9, 5500, 9, '常温阴凉处存放，收到后请开箱透气。', { season: [11, 2] }),
  p('SX-5002', '生鲜农产品', '阳光玫瑰葡萄', '2kg/箱', 89, 2300, 6, '冷藏保存，食用前用清水冲洗干净。', { season: [7, 11] }),
  p('SX-5003', '生鲜农产品', '四川不知火丑橘', '5kg/箱', 59.9, 5400, 7, '常温存放，果皮易剥，7天内食用口感最佳。', { season: [1, 4] }),
  p('SX-5004', '生鲜农产品', '海南贵妃芒', '4.5kg/箱', 79, 4900, 7, '表皮变黄发软后食用，未熟透可常温催熟。', { season: [3, 7] }),
  p('SX-5005', '生鲜农产品', '烟台红富士苹果', '5kg/箱', 69, 5500, 8, '冷藏可保存1个月，洗净后带皮食用。'),
  p('SX-5006', '生鲜农产品', '云南高山黄心土豆', '5kg/箱', 29.9, 5300, 6, '阴凉避光存放，发芽后请勿食用。'),
  p('SX-5007', '生鲜农产品', '农家散养土鸡蛋', '30枚/箱', 49.9, 1900, 8, '收到后冷藏保存，请在15天内食用。'),
  p('SX-5008', '生鲜农产品', '阳澄湖大闸蟹', '8只装/盒', 388, 2600, 3, '收到后放冷藏室湿毛巾覆盖，蒸15–20分钟即可。', { season: [9, 12] }),
  p('SX-5009', '生鲜农产品', '阿克苏冰糖心苹果', '5kg/箱', 79, 5500, 7, '冷藏保存，糖心部分口感最甜。', { season: [11, 3] }),
  p('SX-5010', '生鲜农产品', '东北鲜食黏玉米', '10根/箱', 45, 3200, 5, '真空包装，冷水下锅煮15分钟即可。'),
  p('SX-5011', '生鲜农产品', '福建红心蜜柚', '2个装约5kg', 39.9, 5200, 5, '常温存放半个月口感更佳。', { season: [9, 12] }),
  p('SX-5012', '生鲜农产品', '烟台大樱桃', '1kg/盒', 129, 1200, 5, '收到后立即冷藏，3天内食用完。', { season: [5, 6] }),
];

/** Fresh produce has no 7-day no-reason return (domain.md: the product says when it does not). */
export const noReturnCategories: ReadonlySet<Category> = new Set(['生鲜农产品']);

/** Common surnames, most frequent first (weight falls with rank). */
export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];

/** Given-name characters; a given name is one or two of them. */
export const GIVEN_FEMALE = [...'梅芳丽娟敏静秀英艳霞婷雪琳慧洁玉萍红燕晶颖欣怡佳悦涵诗雨梦思婉茜晓莉璐菲倩'];
export const GIVEN_MALE = [...'伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩然子轩俊峰文博志建国立成凯东'];

export interface Province {
  name: string;
  /** Relative share of agents and customers (e-commerce activity, not population). */
  weight: number;
  /** Far from the warehouse: shipping is charged. */
  remote?: true;
  cities: { name: string; districts: string[] }[];
}

const c = (name: string, ...districts: string[]) => ({ name, districts });

export const PROVINCES: readonly Province[] = [
  { name: '广东省', weight: 12, cities: [c('广州市', '天河区', '越秀区', '番禺区'), c('深圳市', '南山区', '福田区', '宝安区'), c('佛山市', '禅城区', '南海区', '顺德区')] },
  { name: '浙江省', weight: 8, cities: [c('杭州市', '西湖区', '上城区', '余杭区'), c('宁波市', '海曙区', '鄞州区', '江北区'), c('温州市', '鹿城区', '瓯海区', '龙湾区')] },
  { name: '江苏省', weight: 8, cities: [c('南京市', '玄武区', '鼓楼区', '江宁区'), c('苏州市', '姑苏区', '吴中区', '相城区'), c('无锡市', '梁溪区', '滨湖区', '新吴区')] },
  { name: '山东省', weight: 7, cities: [c('济南市', '历下区', '市中区', '槐荫区'), c('青岛市', '市南区', '市北区', '黄岛区'), c('烟台市', '芝罘区', '莱山区', '福山区')] },
  { name: '河南省', weight: 7, cities: [c('郑州市', '金水区', '二七区', '中原区'), c('洛阳市', '西工区', '老城区', '洛龙区'), c('南阳市', '宛城区', '卧龙区')] },
  { name: '四川省', weight: 6, cities: [c('成都市', '锦江区', '武侯区', '成华区'), c('绵阳市', '涪城区', '游仙区'), c('南充市', '顺庆区', '高坪区', '嘉陵区')] },
  { name: '湖北省', weight: 5, cities: [c('武汉市', '江汉区', '武昌区', '洪山区'), c('宜昌市', '西陵区', '伍家岗区', '夷陵区'), c('襄阳市', '襄城区', '樊城区', '襄州区')] },
  { name: '湖南省', weight: 5, cities: [c('长沙市', '岳麓区', '芙蓉区', '天心区'), c('株洲市', '天元区', '芦淞区', '荷塘区'), c('衡阳市', '雁峰区', '蒸湘区', '石鼓区')] },
  { name: '河北省', weight: 5, cities: [c('石家庄市', '长安区', '桥西区', '裕华区'), c('唐山市', '路北区', '路南区', '丰润区'), c('保定市', '竞秀区', '莲池区', '满城区')] },
  { name: '福建省', weight: 5, cities: [c('福州市', '鼓楼区', '台江区', '仓山区'), c('厦门市', '思明区', '湖里区', '集美区'), c('泉州市', '鲤城区', '丰泽区', '洛江区')] },
  { name: '安徽省', weight: 4, cities: [c('合肥市', '蜀山区', '包河区', '庐阳区'), c('芜湖市', '镜湖区', '鸠江区', '弋江区'), c('安庆市', '迎江区', '大观区', '宜秀区')] },
  { name: '江西省', weight: 3, cities: [c('南昌市', '东湖区', '西湖区', '青山湖区'), c('赣州市', '章贡区', '南康区', '赣县区'), c('九江市', '浔阳区', '濂溪区', '柴桑区')] },
  { name: '广西壮族自治区', weight: 3, cities: [c('南宁市', '青秀区', '兴宁区', '西乡塘区'), c('柳州市', '城中区', '鱼峰区', '柳南区'), c('桂林市', '秀峰区', '象山区', '七星区')] },
  { name: '云南省', weight: 3, cities: [c('昆明市', '五华区', '盘龙区', '官渡区'), c('曲靖市', '麒麟区', '沾益区', '马龙区'), c('玉溪市', '红塔区', '江川区')] },
  { name: '贵州省', weight: 2, cities: [c('贵阳市', '南明区', '云岩区', '观山湖区'), c('遵义市', '红花岗区', '汇川区', '播州区')] },
  { name: '陕西省', weight: 3, cities: [c('西安市', '雁塔区', '碑林区', '未央区'), c('宝鸡市', '渭滨区', '金台区', '陈仓区'), c('咸阳市', '秦都区', '渭城区')] },
  { name: '山西省', weight: 2, cities: [c('太原市', '小店区', '迎泽区', '杏花岭区'), c('大同市', '平城区', '云冈区')] },
  { name: '辽宁省', weight: 3, cities: [c('沈阳市', '和平区', '沈河区', '皇姑区'), c('大连市', '中山区', '西岗区', '沙河口区')] },
  { name: '吉林省', weight: 1.5, cities: [c('长春市', '朝阳区', '南关区', '宽城区'), c('吉林市', '船营区', '昌邑区', '丰满区')] },
  { name: '黑龙江省', weight: 2, cities: [c('哈尔滨市', '南岗区', '道里区', '香坊区'), c('大庆市', '萨尔图区', '让胡路区', '龙凤区')] },
  { name: '甘肃省', weight: 1, remote: true, cities: [c('兰州市', '城关区', '七里河区', '安宁区'), c('天水市', '秦州区', '麦积区')] },
  { name: '内蒙古自治区', weight: 1, remote: true, cities: [c('呼和浩特市', '新城区', '回民区', '赛罕区'), c('包头市', '昆都仑区', '青山区', '东河区')] },
  { name: '新疆维吾尔自治区', weight: 1, remote: true, cities: [c('乌鲁木齐市', '天山区', '沙依巴克区', '新市区'), c('克拉玛依市', '克拉玛依区', '独山子区')] },
  { name: '北京市', weight: 3, cities: [c('北京市', '朝阳区', '海淀区', '丰台区', '东城区', '西城区')] },
  { name: '上海市', weight: 3, cities: [c('上海市', '浦东新区', '徐汇区', '闵行区', '静安区', '杨浦区')] },
  { name: '重庆市', weight: 2.5, cities: [c('重庆市', '渝中区', '江北区', '南岸区', '沙坪坝区', '渝北区')] },
];

export const ROADS = [...'人民 解放 中山 建设 和平 胜利 新华 文化 长江 黄河 民主 友谊 光明 东风 朝阳 青年 迎宾 滨江 学府 春华'.split(' ')];
export const ROAD_KINDS = ['路', '大道', '街'];
export const COMPLEXES = [
  '阳光花园', '锦绣华庭', '幸福家园', '翠湖苑', '金色家园', '万科城', '碧桂园', '保利香槟国际', '恒大名都', '绿地新城',
  '丽景湾', '世纪花城', '御景豪庭', '书香门第', '龙湖春江郦城', '融创壹号院', '紫薇花园', '桂花园', '东方明珠苑', '和谐家园',
];

/** Mainland mobile number prefixes in use (China Mobile, Unicom, Telecom, Broadnet). */
export const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157',
  '158', '159', '166', '172', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186', '187',
  '188', '189', '191', '192', '193', '195', '198', '199',
];

/** English-style handles people put in WeChat IDs. */
export const HANDLES = [
  'tina', 'momo', 'sunny', 'lucky', 'coco', 'lily', 'amy', 'jack', 'kiki', 'lemon', 'candy', 'angel', 'leo', 'vivian', 'cherry', 'yoyo',
];

export const CHANNELS = [
  { name: '朋友圈', weight: 30 },
  { name: '微信群', weight: 25 },
  { name: '抖音', weight: 15 },
  { name: '小红书', weight: 12 },
  { name: '线下展会', weight: 5 },
];
/** The channel of every agent who has a referrer. */
export const REFERRAL_CHANNEL = '老代理推荐';

/** What customer service writes on agents, besides the behaviour tags below. */
export const PERSONA_TAGS = ['宝妈', '上班族', '大学生', '实体店主', '社区团长', '微商老手', '兼职'];
export const TAG_STOCKPILER = '囤货型';
export const TAG_GROWING = '成长型';

export const AGENT_NOTES = ['晚上回复比较快', '只做朋友圈，不进群', '想升级金牌代理', '对价格比较敏感', '需要多发产品图和视频素材', '客户主要是同事'];
export const BLOCKED_NOTE = '多次低于控价销售，已停止供货';

export const CARRIERS = [
  { name: '中通快递', prefix: '7', digits: 13, weight: 30 },
  { name: '圆通速递', prefix: 'YT', digits: 13, weight: 20 },
  { name: '韵达快递', prefix: '43', digits: 11, weight: 18 },
  { name: '极兔速递', prefix: 'JT', digits: 13, weight: 12 },
  { name: '顺丰速运', prefix: 'SF', digits: 13, weight: 12 },
  { name: '京东物流', prefix: 'JDVA', digits: 11, weight: 8 },
];
/** Fresh produce goes by the carriers with cold chains. */
export const FRESH_CARRIERS = ['顺丰速运', '京东物流'];

/** After-sales reasons; `restock` says whether the returned goods can be sold again. */
export const RETURN_REASONS = [
  { reason: '七天无理由退货', restock: true, weight: 40, needs7d: true },
  { reason: '发错货', restock: true, weight: 10, needs7d: false },
  { reason: '商品破损', restock: false, weight: 20, needs7d: false },
  { reason: '质量问题', restock: false, weight: 15, needs7d: false },
  { reason: '快递丢件补发', restock: false, weight: 5, needs7d: false },
  { reason: '与描述不符', restock: true, weight: 10, needs7d: false },
];

export const SELLTHROUGH_NOTES = ['', '', '代理微信反馈', '客服电话回访', '代理群内接龙统计'];

/** Share of orders by local hour: people shop on the commute, at lunch and in the evening. */
export const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 2, 4, 6, 7, 6, 5, 5, 5, 5, 4.5, 4, 4, 5, 7, 8, 7, 3];

/** Spring Festival (春节) days: couriers stop for about two weeks around it. */
export const SPRING_FESTIVAL = [
  '2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03',
];
