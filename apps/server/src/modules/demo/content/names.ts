// Invented people: Chinese names from common surnames and given-name characters, mobile numbers.
import { type Random } from './prng.js';

export type Gender = 'male' | 'female';

export interface DemoPerson {
  name: string;
  surname: string;
  gender: Gender;
  phone: string;
}

/** Common surnames with relative frequency weights, as `surname:weight` pairs. */
const SURNAMES: readonly (readonly [string, number])[] = (
  '王:70 李:70 张:66 刘:54 陈:44 杨:31 赵:27 黄:22 周:21 吴:20 徐:17 孙:16 胡:13 朱:13 高:12 ' +
  '林:11 何:11 郭:11 马:11 罗:9 梁:9 宋:8 郑:8 谢:7 韩:7 唐:7 冯:7 于:7 董:6 程:6 曹:6 袁:6 ' +
  '邓:6 许:6 傅:5 沈:5 曾:5 彭:5 吕:5 苏:5 卢:5 蒋:5 蔡:5 贾:4 丁:4 魏:4 薛:4 叶:4 阎:4 余:4 ' +
  '潘:4 杜:4 戴:3 夏:3 钟:3 汪:3 田:3 任:3 姜:3 范:3 方:3 石:3 姚:3 谭:3 廖:3 邹:3 熊:3 金:3 ' +
  '陆:3 郝:3 孔:2 白:2 崔:2 康:2 毛:2 邱:2 秦:2 江:2 史:2 顾:2 侯:2 邵:2 孟:2 龙:2 万:2 段:2 ' +
  '雷:2 钱:2 汤:2 尹:2 常:2 武:2 乔:2 贺:2 齐:2 牛:2 耿:1 庞:1 闫:1 付:1 岳:1 甄:1 靳:1 穆:1'
)
  .split(' ')
  .map((pair) => {
    const [surname = '', weight = '1'] = pair.split(':');
    return [surname, Number(weight)] as const;
  });

const MALE_CHARS = [
  ...'建国军伟强磊勇涛明海刚平辉鹏波杰斌宇浩凯晨俊峰志文永春福德宝山林振胜立成兴旺长生亮东华新博然轩睿泽铭航树全广金有庆忠义学民利顺云',
];

const FEMALE_CHARS = [
  ...'秀英兰芳丽敏静燕霞艳娟玲桂红梅琴云莉萍洁婷雪慧颖欣悦琳倩佳雨涵怡思璐淑珍凤荣翠春晓丹宁彩月素玉华',
];

/** Mainland mobile prefixes in use (China Mobile, Unicom, Telecom, Broadnet). */
const MOBILE_PREFIXES = (
  '130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 173 175 ' +
  '176 177 178 180 181 182 183 185 186 187 188 189 191 193 195 198 199'
).split(' ');

export function mobilePhone(rng: Random): string {
  let digits = '';
  for (let i = 0; i < 8; i++) digits += String(rng.int(0, 9));
  return rng.pick(MOBILE_PREFIXES) + digits;
}

export function personName(rng: Random, gender: Gender): { name: string; surname: string } {
  const surname = rng.weighted(SURNAMES);
  const chars = gender === 'male' ? MALE_CHARS : FEMALE_CHARS;
  const first = rng.pick(chars);
  if (rng.chance(0.25)) return { name: surname + first, surname };
  let second = rng.pick(chars);
  while (second === first) second = rng.pick(chars);
  return { name: surname + first + second, surname };
}

export function person(rng: Random): DemoPerson {
  const gender: Gender = rng.chance(0.5) ? 'male' : 'female';
  const { name, surname } = personName(rng, gender);
  return { name, surname, gender, phone: mobilePhone(rng) };
}

/** How a requester is addressed in a reply: 王先生 / 李女士. */
export function honorific(p: Pick<DemoPerson, 'surname' | 'gender'>): string {
  return p.surname + (p.gender === 'male' ? '先生' : '女士');
}
