// Text analysis for hot-spot mining: where a message is about (estates,
// roads, villages, institutions, the district) and what it is about (problem
// words). Rules over jieba words: a place is a run of name-like words ending in
// a place word (…小区, …花园, …路, …村, …学院), its left edge found where a
// verb, a preposition or an administrative prefix (A市, A3区) starts.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

export type PlaceKind = 'estate' | 'road' | 'village' | 'institution';

export interface Place {
  kind: PlaceKind;
  /** The name as written, without the administrative prefix. */
  name: string;
  /** With the place written right before it, if any: 翠湖园滨江苑 for 滨江苑. */
  full: string;
  /** Matching keys: the name without trailing 小区/一期…, and its shorter place-word-ending parts. */
  keys: string[];
}

/** Longest first, so 小区 wins over 区-less 城 and 大道 over 道. */
const SUFFIXES: [string, PlaceKind][] = (
  [
    ['小区', 'estate'],
    ['花园', 'estate'],
    ['花苑', 'estate'],
    ['家园', 'estate'],
    ['公寓', 'estate'],
    ['广场', 'estate'],
    ['大厦', 'estate'],
    ['山庄', 'estate'],
    ['公馆', 'estate'],
    ['新城', 'estate'],
    ['苑', 'estate'],
    ['城', 'estate'],
    ['华府', 'estate'],
    ['园', 'estate'],
    ['湾', 'estate'],
    ['郡', 'estate'],
    ['庭', 'estate'],
    ['庭院', 'estate'],
    ['世家', 'estate'],
    ['新村', 'estate'],
    ['大道', 'road'],
    ['路', 'road'],
    ['街', 'road'],
    ['巷', 'road'],
    ['社区', 'village'],
    ['村', 'village'],
    ['学院', 'institution'],
    ['大学', 'institution'],
    ['中学', 'institution'],
    ['小学', 'institution'],
    ['学校', 'institution'],
    ['幼儿园', 'institution'],
    ['医院', 'institution'],
    ['市场', 'institution'],
  ] as [string, PlaceKind][]
).sort((a, b) => b[0].length - a[0].length);

/** Words ending in a place word that are not places at all (城市, 进城, 临街, 公路…). */
const NON_PLACES = new Set([
  '城市',
  '城管',
  '进城',
  '全城',
  '城乡',
  '省城',
  '公路',
  '道路',
  '马路',
  '出路',
  '走路',
  '一路',
  '沿路',
  '思路',
  '线路',
  '电路',
  '水路',
  '网路',
  '门路',
  '上路',
  '修路',
  '街道',
  '上街',
  '沿街',
  '临街',
  '农村',
  '乡村',
  '村村',
  '全村',
  '本村',
  '该村',
  '我村',
  '村里',
  '政府',
  '学府',
  '官府',
  '港湾',
  '海湾',
]);

/** Place words too generic to tell one place from another unless a name comes before them. */
const GENERIC_PLACES = new Set([
  '小区',
  '社区',
  '本小区',
  '该小区',
  '我小区',
  '新城',
  '老城',
  '县城',
  '大街',
  '花园',
  '公园',
  '家园',
  '校园',
  '广场',
  '大学',
  '中学',
  '小学',
  '学校',
  '学院',
  '医院',
  '市场',
  '幼儿园',
  '公寓',
  '大厦',
  '庭院',
]);

/** Number + building or section word after a name marks the name as an estate: 松林名郡5栋, 枫桥庭院3期. */
const BUILDING = /^(栋|期|幢|号楼|单元|区)$/;

/** Jieba tags that end a place name going leftwards: verbs, prepositions, conjunctions, particles, pronouns, adverbs, localisers. */
const STOP_TAGS = /^(v|vd|vn|p|c|uj|ul|uz|ud|ug|uv|r|d|f|y|e|o|zg|q|t|m|b)$/;

/** Words that end a place name going leftwards whatever jieba tagged them. */
const NAME_BREAKS = new Set([
  '反映',
  '关于',
  '投诉',
  '举报',
  '咨询',
  '建议',
  '请',
  '希望',
  '要求',
  '位于',
  '地处',
  '靠近',
  '家住',
  '居住',
  '业主',
  '居民',
  '市民',
  '村民',
  '本人',
  '我们',
  '附近',
  '旁边',
  '对面',
  '门口',
  '周边',
  '区域',
  '一带',
  '沿线',
  '配套',
  '距离',
  '紧挨',
  '听闻',
  '整个',
  '这条',
  '一条',
  '西地省',
  '省',
  '市',
  '区',
  '县',
]);

/** Administrative prefixes of the anonymised data and of real addresses: A市, A3区, A7县. */
const ADMIN = /[A-Z]\d*[市区县]|[A-Z]\d+/g;
/** Township markers inside a name: 东风镇柳溪村 also answers to 柳溪村. */
const TOWNSHIP = /.*?(镇|乡|街道)/;
/** Trailing parts that name a section of one place: 小区, 一期, 3期, 东区… */
const SECTION_TAIL = /(小区|社区|[一二三四五六七八九十\d]+期|[东南西北]区|[东南西北]门)+$/;

const CJK_OR_WORD = /^[\u4e00-\u9fa5A-Za-z0-9]+$/;
const PUNCT_SPLIT = /[\s，。！？；：、,.!?;:（）()【】[\]“”"'‘’《》<>…—\-~～·/|]+/;

/** NFKC (full-width → half-width) and no whitespace. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** The administrative district named in a text (A3区, A7县), or '' when none. */
export function districtOf(text: string): string {
  const m = /[A-Z]\d+[区县]/.exec(normaliseText(text));
  return m ? m[0] : '';
}

function suffixOf(word: string): [string, PlaceKind] | undefined {
  for (const s of SUFFIXES) if (word.endsWith(s[0])) return s;
  return undefined;
}

/** The matching key of a place name: no section tail, no administrative prefix. */
export function placeKey(name: string): string {
  let k = name.replace(ADMIN, '');
  const stripped = k.replace(SECTION_TAIL, '');
  if (stripped.length >= 3) k = stripped;
  return k;
}

function keysOf(name: string): string[] {
  const keys = new Set<string>();
  const add = (n: string) => {
    const k = placeKey(n);
    if (k.length >= 3 && !GENERIC_PLACES.has(k) && !NON_PLACES.has(k)) keys.add(k);
  };
  add(name);
  const t = TOWNSHIP.exec(name);
  if (t && t[0].length < name.length) add(name.slice(t[0].length));
  return [...keys];
}

export interface Analysed {
  places: Place[];
  /** Jieba words of the text that are not place names, stop words or numbers. */
  words: string[];
}

/**
 * Places and problem words of one text. Places are found clause by clause
 * (punctuation splits), so a name never spans a comma.
 */
export function analyse(text: string): Analysed {
  // The workbench re-reads the same tickets on every page view: remember the answers
  // (the function is pure; callers do not mutate what it returns).
  const hit = memo.get(text);
  if (hit) return hit;
  const out = analyseText(text);
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(text, out);
  return out;
}

const MEMO_LIMIT = 50_000;
const memo = new Map<string, Analysed>();

function analyseText(text: string): Analysed {
  const places: Place[] = [];
  const words: string[] = [];
  const seen = new Set<string>();
  for (const clause of normaliseText(text).split(PUNCT_SPLIT)) {
    if (!clause) continue;
    // Cut the administrative prefixes out first: jieba's HMM would glue 区 to the name after it.
    for (const piece of clause.split(ADMIN)) {
      if (!piece) continue;
      const tagged = segmenter().tag(piece, true);
      const inPlace = new Array<boolean>(tagged.length).fill(false);
      let lastPlace = '';
      for (let i = 0; i < tagged.length; i++) {
        const w = tagged[i]!.word;
        if (!CJK_OR_WORD.test(w) || NON_PLACES.has(w)) continue;
        let suffix = suffixOf(w);
        // 松林名郡5栋: a name before a building number is an estate whatever it ends with.
        const next = tagged[i + 1]?.word ?? '';
        const after = tagged[i + 2]?.word ?? '';
        if (
          !suffix &&
          /^[\u4e00-\u9fa5]{2,}$/.test(w) &&
          /^(\d+|[一二三四五六七八九十]+)$/.test(next) &&
          BUILDING.test(after) &&
          !STOP_TAGS.test(tagged[i]!.tag)
        )
          suffix = [w, 'estate'];
        if (!suffix) continue;
        // 翠湖之城小区: the section word belongs to the place before it.
        let end = i;
        while (end + 1 < tagged.length && SECTION_TAIL.test(tagged[end + 1]!.word)) end++;
        let name = w;
        let j = i - 1;
        while (j >= 0 && i - j <= 3) {
          const prev = tagged[j]!;
          if (
            NAME_BREAKS.has(prev.word) ||
            NON_PLACES.has(prev.word) ||
            // 翠湖苑小区配套幼儿园: the estate before the kindergarten is a place of its own.
            inPlace[j] ||
            suffixOf(prev.word) !== undefined ||
            // 建设东路翠湖之城: a road before an estate is another place.
            (suffix[1] !== 'road' && /(路|街|大道)$/.test(prev.word)) ||
            STOP_TAGS.test(prev.tag) ||
            !CJK_OR_WORD.test(prev.word) ||
            name.length + prev.word.length > 10
          )
            break;
          name = prev.word + name;
          j--;
        }
        // A place word with no name before it (小区, 花园) names no place.
        if (name === w && (w.length <= suffix[0].length || GENERIC_PLACES.has(w))) continue;
        const keys = keysOf(name);
        if (!keys.length) continue;
        // 翠湖园滨江苑: a place right after another is written as one name.
        const full = j >= 0 && inPlace[j] && lastPlace ? `${lastPlace}${name}` : name;
        for (let k = j + 1; k <= end; k++) inPlace[k] = true;
        i = end;
        lastPlace = full;
        const id = `${suffix[1]}:${keys[0]}`;
        if (!seen.has(id)) {
          seen.add(id);
          places.push({ kind: suffix[1], name, full, keys });
        }
      }
      for (let i = 0; i < tagged.length; i++) {
        if (inPlace[i]) continue;
        const w = tagged[i]!.word;
        if (isProblemWord(w)) words.push(w);
      }
    }
  }
  return { places, words };
}

function isProblemWord(w: string): boolean {
  if (w.length < 2 || STOP_WORDS.has(w)) return false;
  if (!/[\u4e00-\u9fa5]/.test(w)) return false;
  return true;
}

/** Words that say nothing about which problem a message raises. */
export const STOP_WORDS = new Set([
  '问题',
  '反映',
  '关于',
  '投诉',
  '举报',
  '咨询',
  '建议',
  '请问',
  '希望',
  '要求',
  '领导',
  '部门',
  '相关',
  '有关',
  '政府',
  '市长',
  '书记',
  '您好',
  '你好',
  '尊敬',
  '谢谢',
  '感谢',
  '我们',
  '你们',
  '他们',
  '自己',
  '本人',
  '大家',
  '这个',
  '那个',
  '这些',
  '那些',
  '这样',
  '什么',
  '为什么',
  '怎么',
  '如何',
  '是否',
  '能否',
  '可以',
  '已经',
  '一直',
  '现在',
  '目前',
  '今年',
  '去年',
  '每天',
  '时候',
  '时间',
  '情况',
  '进行',
  '没有',
  '不是',
  '还是',
  '但是',
  '因为',
  '所以',
  '如果',
  '而且',
  '并且',
  '或者',
  '以及',
  '一个',
  '一些',
  '很多',
  '非常',
  '严重',
  '强烈',
  '尽快',
  '及时',
  '解决',
  '处理',
  '落实',
  '重视',
  '呼吁',
  '恳请',
  '请求',
  '给予',
  '帮助',
  '存在',
  '出现',
  '导致',
  '造成',
  '影响',
  '生活',
  '群众',
  '老百姓',
  '百姓',
  '业主',
  '居民',
  '市民',
  '村民',
  '网友',
  '留言',
  '回复',
  '答复',
  '西地省',
]);
