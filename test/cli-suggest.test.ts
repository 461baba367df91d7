import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../src/cli/suggest.js';

describe('did you mean', () => {
  it('counts a swap of neighbours as one edit (Damerau-Levenshtein)', () => {
    expect(editDistance('serach', 'search')).toBe(1);
    expect(editDistance('serch', 'search')).toBe(1);
    expect(editDistance('lsit', 'list')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only a near word', () => {
    const commands = ['list', 'search', 'show', 'export', 'stats', 'marks', 'read', 'star'];
    expect(nearest('serach', commands)).toBe('search');
    expect(nearest('exprot', commands)).toBe('export');
    expect(nearest('stat', ['star', 'stats'])).toBe('stats');
    expect(nearest('sta', ['star', 'stats'])).toBe('star');
    expect(nearest('LIST', commands)).toBe('list');
    expect(nearest('papers', commands)).toBe(undefined);
    expect(nearest('list', commands)).toBe(undefined);
  });
});
