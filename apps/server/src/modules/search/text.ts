// What the ticket search indexes and looks for, pure. A ticket's searchable
// text is its title, its address, its description and the texts its actions
// added (the answer, the unit's result and reply, the reply sent, progress
// notes, what the requester added). Chinese has no spaces: each text is cut
// into words with jieba (search mode: 停车位 also gives 停车 and 车位) and the
// words are stored space-joined, so that PostgreSQL's `simple` configuration
// indexes them as they are, on both engines. The requester's name and phone
// are never part of the document: the list matches them separately, and only
// for the users who may see them.
import type { TicketAction } from '@jiesu/contracts';
import { QUESTION_WORDS, isPunctuation, searchTerms, segmenter } from '../../shared/words.js';

/** The input fields of the actions whose texts are searchable, in the order they are shown. */
export const TEXT_FIELDS: Partial<Record<TicketAction, readonly string[]>> = {
  answer_directly: ['answer'],
  answer_with_progress: ['answer'],
  add_progress: ['text'],
  give_feedback: ['result', 'replyText'],
  send_reply: ['replyText'],
  relay_reply: ['replyText'],
  reply_by_project: ['text'],
  add_information: ['text'],
};
export const TEXT_ACTIONS = Object.keys(TEXT_FIELDS) as TicketAction[];

/** The searchable texts an action's input (or its event's payload) carries. */
export function eventTexts(action: string, input: Record<string, unknown>): string[] {
  const fields = TEXT_FIELDS[action as TicketAction] ?? [];
  return fields
    .map((f) => input[f])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .map((v) => v.trim());
}

/**
 * A text as space-joined words for `to_tsvector('simple', …)`, lower case,
 * without punctuation and single characters (a query never looks for one
 * alone): jieba's search mode, plus every dictionary word inside the text (full
 * mode). The second matters: jieba cuts 路灯不亮 as 路 + 灯不亮, and a query
 * for 路灯 must still find it.
 */
export function documentWords(text: string): string {
  if (!text) return '';
  const lower = text.toLowerCase();
  const jb = segmenter();
  const words = new Set<string>();
  for (const w of [...jb.cutForSearch(lower, true), ...jb.cutAll(lower)]) {
    const t = w.trim();
    if (t && !isPunctuation(t) && [...t].length >= 2) words.add(t);
  }
  return [...words].join(' ');
}

/** The parts of a ticket's search document, as words, by weight. */
export interface DocumentWords {
  /** Weight A: the title. */
  title: string;
  /** Weight B: the address and the description. */
  body: string;
  /** Weight C: the actions' texts (answers, feedback, replies, progress). */
  replies: string;
}

export function ticketDocument(t: {
  title: string;
  description: string;
  address: string;
  replies?: readonly string[];
}): DocumentWords {
  return {
    title: documentWords(t.title),
    body: `${documentWords(t.address)} ${documentWords(t.description)}`.trim(),
    replies: (t.replies ?? []).map(documentWords).join(' '),
  };
}

const STOP_WORDS = new Set(QUESTION_WORDS);

/** What a list query's `q` looks for. */
export interface SearchPlan {
  /** The query as typed, trimmed: a ticket code matches it exactly. */
  raw: string;
  /** The words, all required (plainto_tsquery over the space-joined words). */
  terms: string[];
  /** A fragment of three or more characters, also matched inside addresses and titles (trigram indexes). */
  fragment: string | null;
}

export function searchPlan(q: string): SearchPlan | null {
  const raw = q.trim();
  if (!raw) return null;
  const terms = searchTerms(raw, { max: 8, stopWords: STOP_WORDS });
  const compact = raw.replace(/\s+/g, '');
  return { raw, terms, fragment: [...compact].length >= 3 ? compact : null };
}
