import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findHits, snippet, ticketHighlights } from './highlight.js';
import { documentWords, eventTexts, searchPlan } from './text.js';

const WORDS = ['噪音', '停车', '车位', '停车位', '路灯', '小区', 'wifi', '施工'];
const FILLER = ['的', '了', '晚上', '楼下', '一直', '很', ',', '。', ' ', 'A', '🚗', '东湖'];
const text = fc
  .array(fc.constantFrom(...WORDS, ...FILLER, ...WORDS.map((w) => w.toUpperCase())), {
    maxLength: 60,
  })
  .map((xs) => xs.join(''));
const terms = fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 });

describe('snippet', () => {
  it('parts join back to the slice of the source, and every hit is a query word', () => {
    fc.assert(
      fc.property(text, terms, fc.integer({ min: 3, max: 120 }), (s, ts, max) => {
        const r = snippet(s, ts, { max });
        if (!r) {
          expect(findHits(s, ts)).toEqual([]);
          return;
        }
        expect(r.parts.map((p) => p.text).join('')).toBe(s.slice(r.start, r.end));
        // At most `max`, unless the first hit alone is longer: it is always whole.
        const [hs, he] = findHits(s, ts)[0]!;
        expect(r.end - r.start).toBeLessThanOrEqual(Math.max(max, he - hs));
        for (const p of r.parts.filter((x) => x.hit)) expect(ts).toContain(p.text.toLowerCase());
        expect(r.parts.some((p) => p.hit)).toBe(true);
        // No empty parts, and no word left unmarked in a non-hit part.
        for (const p of r.parts) {
          expect(p.text.length).toBeGreaterThan(0);
          if (!p.hit) expect(findHits(p.text, ts).length === 0 || p === r.parts.at(-1)).toBe(true);
        }
      }),
    );
  });

  it('marks the longest word at a place, case-insensitively', () => {
    expect(snippet('小区停车位不够', ['停车', '停车位'])!.parts).toEqual([
      { text: '小区', hit: false },
      { text: '停车位', hit: true },
      { text: '不够', hit: false },
    ]);
    expect(snippet('WiFi 信号差', ['wifi'])!.parts[0]).toEqual({ text: 'WiFi', hit: true });
    expect(snippet('没有这个词', ['噪音'])).toBeNull();
  });

  it('slices long texts around the first hit', () => {
    const long = `${'一'.repeat(200)}噪音${'二'.repeat(200)}`;
    const r = snippet(long, ['噪音'], { max: 40, before: 10 })!;
    expect(r.start).toBe(190);
    expect(r.parts.map((p) => p.text).join('')).toBe(long.slice(190, 230));
  });
});

describe('ticketHighlights', () => {
  it('only fields with a hit, the first reply with one, the fragment in the address only', () => {
    const hl = ticketHighlights(
      {
        title: '小区停车难',
        address: '东湖社区3号楼',
        description: '没有车位',
        replies: ['已处理', '已协调停车'],
      },
      ['停车'],
      ['社区3号'],
    );
    expect(hl.map((h) => h.field)).toEqual(['title', 'address', 'reply']);
    expect(hl[2]!.parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['停车']);
  });
});

describe('search text', () => {
  it('cuts documents into words without punctuation or single characters', () => {
    expect(documentWords('小区停车位不够,停车难!').split(' ')).toEqual(
      expect.arrayContaining(['小区', '停车', '车位', '停车位', '不够']),
    );
    expect(documentWords('的,了')).toBe('');
  });

  it('plans a query: words, a fragment of 3+ characters, the raw text for codes', () => {
    expect(searchPlan('  ')).toBeNull();
    expect(searchPlan('噪音')).toEqual({ raw: '噪音', terms: ['噪音'], fragment: null });
    const p = searchPlan('幸福小区 停车')!;
    expect(p.terms).toEqual(expect.arrayContaining(['幸福', '小区', '停车']));
    expect(p.fragment).toBe('幸福小区停车');
  });

  it('reads the searchable texts of an action', () => {
    expect(eventTexts('give_feedback', { result: '已更换灯泡', replyText: ' 已修复 ' })).toEqual([
      '已更换灯泡',
      '已修复',
    ]);
    expect(eventTexts('dispatch', { note: '请尽快' })).toEqual([]);
  });
});
