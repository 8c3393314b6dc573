// Chinese words, cut by jieba: one dictionary per process (loading it takes
// ~0.25 s), shared by the knowledge base and the ticket search. Search mode
// (cutForSearch) also yields the shorter words inside a long one, so 停车位
// gives 停车, 车位 and 停车位, and either is found.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;

/** The process's jieba, with the default dictionary, loaded on first use. */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Words that say nothing about the matter asked about (alone, a query still searches for them). */
export const QUESTION_WORDS: readonly string[] = [
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
];

const PUNCTUATION = /^[\p{P}\p{S}\p{Z}\s]+$/u;

/** True for a token of punctuation, symbols or spaces only. */
export const isPunctuation = (w: string) => PUNCTUATION.test(w);

/**
 * The words to look for, at most `max`, longest first. Single characters and
 * `stopWords` are dropped (they match nearly everything) unless the query is
 * nothing else.
 */
export function searchTerms(
  query: string,
  opts: { max?: number; stopWords?: ReadonlySet<string> } = {},
): string[] {
  const max = opts.max ?? 8;
  const text = query.trim().toLowerCase().slice(0, 50);
  if (!text) return [];
  const words = segmenter()
    .cutForSearch(text, true)
    .map((w) => w.trim())
    .filter((w) => w && !isPunctuation(w) && !opts.stopWords?.has(w) && [...w].length >= 2);
  const unique = [...new Set(words)].sort((a, b) => [...b].length - [...a].length);
  if (unique.length) return unique.slice(0, max);
  const bare = text.replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
  return bare ? [bare] : [];
}
