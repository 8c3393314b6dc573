// Chinese search terms for the knowledge base. Most Chinese words have two
// characters (低保, 医保, 供暖), which trigram indexes cannot help with, and a
// caller's question is a sentence, not a word: the query is cut into words
// with jieba (search mode, so 停车位 also yields 停车 and 车位) and the items
// are matched and ranked word by word (see knowledge-repository.ts).
import { QUESTION_WORDS, searchTerms as terms } from '../../shared/words.js';

/** Words that say nothing about the matter asked about (alone, a query still searches for them). */
const STOP_WORDS = new Set([
  ...QUESTION_WORDS,
  // Words of nearly every service item: they would rank every item alike.
  '申请',
  '办理',
  '流程',
  '手续',
  '材料',
  '条件',
  '哪些',
]);

/**
 * The words to look for, at most `max`, longest first. Single characters are
 * dropped (they match nearly everything) unless the query is nothing else.
 */
export function searchTerms(query: string, max = 8): string[] {
  return terms(query, { max, stopWords: STOP_WORDS });
}
