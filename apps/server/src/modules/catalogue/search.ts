// Chinese search terms for the knowledge base. Most Chinese words have two
// characters (低保, 医保, 供暖), which trigram indexes cannot help with, and a
// caller's question is a sentence, not a word: the query is cut into words
// with jieba (search mode, so 停车位 also yields 停车 and 车位) and the items
// are matched and ranked word by word (see knowledge-repository.ts).
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;

/** Words that say nothing about the matter asked about (alone, a query still searches for them). */
const STOP_WORDS = new Set([
  '怎么',
  '怎么办',
  '怎样',
  '如何',
  '什么',
  '为什么',
  '哪里',
  '哪儿',
  '哪个',
  '多少',
  '可以',
  '能否',
  '能不能',
  '是否',
  '需要',
  '请问',
  '咨询',
  '一下',
  '我们',
  '你们',
  '他们',
  '这个',
  '那个',
  '有没有',
  '问题',
  '情况',
  '现在',
  '的话',
  '想要',
  // Words of nearly every service item: they would rank every item alike.
  '申请',
  '办理',
  '流程',
  '手续',
  '材料',
  '条件',
  '哪些',
]);

const PUNCTUATION = /^[\p{P}\p{S}\p{Z}\s]+$/u;

/**
 * The words to look for, at most `max`, longest first. Single characters are
 * dropped (they match nearly everything) unless the query is nothing else.
 */
export function searchTerms(query: string, max = 8): string[] {
  const text = query.trim().toLowerCase().slice(0, 50);
  if (!text) return [];
  jieba ??= Jieba.withDict(dict);
  const words = jieba
    .cutForSearch(text, true)
    .map((w) => w.trim())
    .filter((w) => w && !PUNCTUATION.test(w) && !STOP_WORDS.has(w) && [...w].length >= 2);
  const unique = [...new Set(words)].sort((a, b) => [...b].length - [...a].length);
  if (unique.length) return unique.slice(0, max);
  const bare = text.replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
  return bare ? [bare] : [];
}
