// The search-line syntax: what each operator the user types turns into.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../src/search/query.js';

const fuzzy = (text: string) => ({ kind: 'fuzzy', negate: false, text });

describe('search query syntax', () => {
  it('splits plain words into fuzzy terms that must all match, lowercased', () => {
    expect(parseQuery('Diffusion  VIDEO')).toEqual([[fuzzy('diffusion'), fuzzy('video')]]);
  });

  it('reads the fzf operators', () => {
    expect(parseQuery("'exact ^start end$ !not !^pre !post$ ^both$ =whole")).toEqual([
      [
        { kind: 'include', negate: false, text: 'exact' },
        { kind: 'prefix', negate: false, text: 'start' },
        { kind: 'suffix', negate: false, text: 'end' },
        { kind: 'include', negate: true, text: 'not' },
        { kind: 'prefix', negate: true, text: 'pre' },
        { kind: 'suffix', negate: true, text: 'post' },
        { kind: 'exact', negate: false, text: 'both' },
        { kind: 'exact', negate: false, text: 'whole' },
      ],
    ]);
  });

  it('splits alternatives on | and keeps an escaped \\| as text', () => {
    expect(parseQuery('lidar | radar bev')).toEqual([[fuzzy('lidar')], [fuzzy('radar'), fuzzy('bev')]]);
    expect(parseQuery("'a\\|b")).toEqual([[{ kind: 'include', negate: false, text: 'a|b' }]]);
  });

  it('keeps spaces inside quotes for exact patterns, and matches a quoted fuzzy phrase word by word', () => {
    expect(parseQuery(`'"model soups" ^"bird's eye"`)).toEqual([
      [
        { kind: 'include', negate: false, text: 'model soups' },
        { kind: 'prefix', negate: false, text: "bird's eye" },
      ],
    ]);
    expect(parseQuery('"vision transformer"')).toEqual([[fuzzy('vision'), fuzzy('transformer')]]);
  });

  it('strips punctuation around fuzzy words but keeps it inside them', () => {
    expect(parseQuery('(qwen2.5), bird\'s-eye')).toEqual([[fuzzy('qwen2.5'), fuzzy("bird's-eye")]]);
  });

  it('ignores operators typed without a pattern yet, so the list does not flicker while typing', () => {
    expect(parseQuery("'")).toEqual([]);
    expect(parseQuery('!')).toEqual([]);
    expect(parseQuery('bev ^')).toEqual([[fuzzy('bev')]]);
    expect(parseQuery('bev |')).toEqual([[fuzzy('bev')]]);
    expect(parseQuery('')).toEqual([]);
  });

  it('=text takes the rest of its alternative, spaces and all, so a whole title can be typed', () => {
    expect(parseQuery('=Stitchable  Neural Networks')).toEqual([[{ kind: 'exact', negate: false, text: 'stitchable neural networks' }]]);
    expect(parseQuery('=Mar 17 | bev')).toEqual([[{ kind: 'exact', negate: false, text: 'mar 17' }], [fuzzy('bev')]]);
  });

  it('reads field prefixes, alone or with the operators', () => {
    expect(parseQuery("t:^bev abs:'diffusion !t:survey date:mar 17 title:gan abstract:lidar$")).toEqual([
      [
        { kind: 'prefix', negate: false, text: 'bev', field: 'title' },
        { kind: 'include', negate: false, text: 'diffusion', field: 'abstract' },
        { kind: 'include', negate: true, text: 'survey', field: 'title' },
        { kind: 'fuzzy', negate: false, text: 'mar 17', field: 'date' },
        { kind: 'fuzzy', negate: false, text: 'gan', field: 'title' },
        { kind: 'suffix', negate: false, text: 'lidar', field: 'abstract' },
      ],
    ]);
    expect(parseQuery('t: bev')).toEqual([[fuzzy('bev')]]);
  });

  it('folds the query as the text is folded: compatibility forms, accents, case', () => {
    expect(parseQuery('ＢＥＶ café cafe\u0301 ÉCOLE')).toEqual([[fuzzy('bev'), fuzzy('cafe'), fuzzy('ecole')]]);
  });

  it('drops a repeated term', () => {
    expect(parseQuery('bev BEV bev')).toEqual([[fuzzy('bev')]]);
  });
});
