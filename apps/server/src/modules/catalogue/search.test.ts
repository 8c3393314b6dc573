import { describe, expect, it } from 'vitest';
import { searchTerms } from './search.js';

describe('searchTerms', () => {
  it('keeps two-character words whole', () => {
    expect(searchTerms('低保')).toEqual(['低保']);
    expect(searchTerms('医保')).toEqual(['医保']);
    expect(searchTerms('供暖')).toEqual(['供暖']);
  });

  it('cuts a spoken question into the words that matter', () => {
    expect(searchTerms('我想申请低保怎么办?')).toEqual(['低保']);
    expect(searchTerms('办理居住证需要什么材料')).toEqual(['居住证', '居住']);
    // A generic word alone is still searched for.
    expect(searchTerms('办理')).toEqual(['办理']);
  });

  it('finds the parts of compound words (search mode)', () => {
    const terms = searchTerms('小区停车位');
    expect(terms).toEqual(expect.arrayContaining(['停车位', '停车', '车位', '小区']));
    expect(terms[0]).toBe('停车位');
  });

  it('falls back to the bare query when nothing else is left, and ignores blank input', () => {
    expect(searchTerms('水')).toEqual(['水']);
    expect(searchTerms('  ')).toEqual([]);
    expect(searchTerms('?!')).toEqual([]);
  });
});
