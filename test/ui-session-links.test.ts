/**
 * Taking a paper with you from the reader (issue 13), through the session on the real samples:
 * the detail's numbered links, o (and o 1–9), y, Y and c as Effects the app performs, and the
 * footer's confirmation set with notify.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { bibtexCitation, markdownLine } from '../src/export/citation.js';
import { footerHints } from '../src/ui/reader/key/format.js';
import type { Effect, ReaderSession } from '../src/ui/reader/session.js';
import { cleanupStores, MEASURE, sampleLibrary, testSession } from './helpers/session.js';

const { papers } = sampleLibrary();
const twoLinks = papers.findIndex((p) => p.links.length === 2);
const oneLink = papers.findIndex((p) => p.links.length === 1);
const noLink = papers.findIndex((p) => p.links.length === 0);

afterEach(cleanupStores);

function keys(session: ReaderSession, ...names: string[]): Effect[] {
  return session.keys(names, MEASURE);
}
/** Selects papers[i] in the all view (library order), with the list focused. */
function select(session: ReaderSession, i: number): void {
  keys(session, 'g', ...Array<string>(i).fill('j'));
  expect(session.selected).toBe(papers[i]);
}

test('the samples have papers with two links, one, and none', () => {
  expect([twoLinks, oneLink, noLink].every((i) => i >= 0)).toBe(true);
});

describe('the detail numbers the links', () => {
  test("the snapshot carries the selected paper's links numbered from 1, and follows the selection", async () => {
    const { session } = await testSession();
    select(session, twoLinks);
    const p = papers[twoLinks]!;
    expect(session.getSnapshot().links).toEqual([
      { n: 1, url: p.links[0] },
      { n: 2, url: p.links[1] },
    ]);
    select(session, noLink);
    expect(session.getSnapshot().links).toEqual([]);
    // The same array while the paper stays: the detail is not redrawn for nothing.
    const before = session.getSnapshot().links;
    keys(session, 's');
    expect(session.getSnapshot().links).toBe(before);
  });
});

describe('y, Y and c say what to copy; the app copies and confirms', () => {
  test('y: the first link; on a paper without one, its title', async () => {
    const { session } = await testSession();
    select(session, twoLinks);
    const p = papers[twoLinks]!;
    expect(keys(session, 'y')).toEqual([{ kind: 'copy', what: 'link', text: p.links[0], note: `copied ${p.links[0]}` }]);
    select(session, noLink);
    const q = papers[noLink]!;
    expect(keys(session, 'y')).toEqual([{ kind: 'copy', what: 'title', text: q.title.replace(/\s+/g, ' ').trim(), note: 'copied the title (no link)' }]);
  });

  test('Y: a Markdown line, c: the BibTeX entry export gives it; in the detail too; marks and place unchanged', async () => {
    const { session } = await testSession();
    select(session, oneLink);
    const p = papers[oneLink]!;
    const [md] = keys(session, 'Y');
    expect(md).toEqual({ kind: 'copy', what: 'markdown', text: markdownLine(p), note: 'copied a Markdown link' });
    expect(markdownLine(p)).toMatch(/^\[.+\]\(https?:\/\/\S+\)$/);
    expect(markdownLine(p).endsWith(`(${p.links[0]})`)).toBe(true);
    keys(session, 'tab');
    const [bib] = keys(session, 'c');
    expect(bib).toMatchObject({ kind: 'copy', what: 'bibtex', text: bibtexCitation(p) });
    expect((bib as { text: string }).text).toMatch(/^@misc\{[a-z0-9]+-[0-9a-f]{6},\n {2}title = \{\{/);
    expect((bib as { note: string }).note).toMatch(/^copied BibTeX entry [a-z0-9]+-[0-9a-f]{6}$/);
    expect(session.selected).toBe(p);
    expect(session.getSnapshot().marks.isStarred(p)).toBe(false);
  });

  test('notify shows the confirmation in the status line; the next key clears it', async () => {
    const { session } = await testSession();
    let redraws = 0;
    session.subscribe(() => redraws++);
    keys(session, 'y');
    session.notify('copied https://example.org');
    expect(session.getSnapshot().status).toEqual({ text: 'copied https://example.org', warning: false });
    expect(redraws).toBeGreaterThan(0);
    keys(session, 'j');
    expect(session.getSnapshot().status).toBeUndefined();
  });
});

describe('o opens a link; with several, o then a digit chooses', () => {
  test('one link: o opens it at once; none: the status line says so', async () => {
    const { session } = await testSession();
    select(session, oneLink);
    expect(keys(session, 'o')).toEqual([{ kind: 'open', url: papers[oneLink]!.links[0], n: 1 }]);
    expect(session.getSnapshot().mode).toBe('list');
    select(session, noLink);
    expect(keys(session, 'o')).toEqual([]);
    expect(session.getSnapshot().status?.text).toBe('This paper has no link');
  });

  test('one link: the 1 of "o1" right after o does nothing more; a 1 later, or after another key, is view 1', async () => {
    let now = 0;
    const { session } = await testSession({ now: () => now });
    keys(session, '2');
    expect(session.getSnapshot().view).toEqual({ kind: 'unread' });
    const i = session.getSnapshot().list.papers.findIndex((p) => p.links.length === 1);
    keys(session, 'g', ...Array<string>(i).fill('j'));
    const paper = session.selected!;
    expect(paper.links).toHaveLength(1);
    expect(keys(session, 'o', '1')).toEqual([{ kind: 'open', url: paper.links[0], n: 1 }]);
    expect(session.getSnapshot().view).toEqual({ kind: 'unread' });
    expect(session.selected).toBe(paper);
    keys(session, 'o');
    now += 5000;
    keys(session, '1');
    expect(session.getSnapshot().view).toEqual({ kind: 'all' });
    keys(session, '2', 'g', ...Array<string>(i).fill('j'), 'o', 'j', '1');
    expect(session.getSnapshot().view).toEqual({ kind: 'all' });
  });

  test('two links: o asks, 2 opens the second (and does not switch to the unread view)', async () => {
    const { session } = await testSession();
    select(session, twoLinks);
    const p = papers[twoLinks]!;
    expect(keys(session, 'o')).toEqual([]);
    expect(session.getSnapshot().mode).toBe('link');
    expect(session.getSnapshot().status?.text).toBe('Open which link? 1–2 (o or Enter: the first; any other key cancels)');
    expect(footerHints('link').map((h) => `${h.keys} ${h.label}`)).toEqual(['o first link', 'Esc cancel']);
    expect(keys(session, '2')).toEqual([{ kind: 'open', url: p.links[1], n: 2 }]);
    expect(session.getSnapshot().view).toEqual({ kind: 'all' });
    expect(session.getSnapshot().mode).toBe('list');
    expect(keys(session, 'o', 'o')).toEqual([{ kind: 'open', url: p.links[0], n: 1 }]);
    expect(keys(session, 'o', 'enter')).toEqual([{ kind: 'open', url: p.links[0], n: 1 }]);
    expect(keys(session, 'o', '7')).toEqual([]);
    expect(session.getSnapshot().status?.text).toBe('No link 7 (this paper has 2)');
  });

  test('any other key cancels and does nothing else: j does not move, q does not quit; Ctrl-C still quits', async () => {
    const { session } = await testSession();
    select(session, twoLinks);
    expect(keys(session, 'o', 'j')).toEqual([]);
    expect(session.selected).toBe(papers[twoLinks]);
    expect(session.getSnapshot().mode).toBe('list');
    expect(session.getSnapshot().status).toBeUndefined();
    expect(keys(session, 'o', 'q')).toEqual([]);
    expect(keys(session, 'o', 'escape', 'j')).toEqual([]);
    expect(session.selected).toBe(papers[twoLinks + 1]);
    expect(keys(session, 'k', 'o', 'ctrl+c')).toEqual(['quit']);
  });
});
