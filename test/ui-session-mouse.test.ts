/**
 * The mouse in the model: wheel and clicks given to a ReaderSession over the real sample digests,
 * hit-tested on the pane geometry the view draws, with the view's own measure (so link lines are
 * the ones the detail pane shows).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { computeLayout, paneAt } from '../src/ui/reader/layout.js';
import type { Pointer, ReaderSession } from '../src/ui/reader/session.js';
import { ViewCache } from '../src/ui/view/measure.js';
import { makeTheme } from '../src/ui/view/theme.js';
import { cleanupStores, sampleLibrary, testSession } from './helpers/session.js';

afterEach(cleanupStores);

const { papers } = sampleLibrary();

async function mouseSession(cols: number, rows: number, only?: number) {
  const { session, store } = await testSession({ cols, rows, ...(only === undefined ? {} : { papers: papers.slice(0, only) }) });
  const view = new ViewCache(session, makeTheme(false));
  const act = (event: Pointer) => session.pointer(event, view.measure);
  const wheel = (x: number, y: number, direction: 'up' | 'down') => act({ action: 'wheel', direction, x, y });
  const click = (x: number, y: number) => act({ action: 'press', button: 'left', x, y });
  return { session, store, view, act, wheel, click, nav: () => session.getSnapshot().nav };
}

const isRead = (s: ReaderSession, i: number) => !s.getSnapshot().marks.isUnread(s.getSnapshot().list.papers[i]!);

describe('hit-testing (layout.paneAt)', () => {
  test('split: header, footer and the rule column are no pane; rows are counted from the body top', () => {
    const l = computeLayout(120, 30);
    if (l.kind !== 'split') throw new Error('expected split');
    expect(paneAt(l, 0, 0)).toBeUndefined(); // header
    expect(paneAt(l, 0, 29)).toBeUndefined(); // footer
    expect(paneAt(l, 0, 1)).toEqual({ pane: 'list', row: 0 });
    expect(paneAt(l, l.list.width - 1, 28)).toEqual({ pane: 'list', row: 27 });
    expect(paneAt(l, l.list.width, 5)).toBeUndefined(); // the rule
    expect(paneAt(l, l.list.width + 1, 5)).toEqual({ pane: 'detail', row: 4 });
  });

  test('stacked: list rows, the rule row, detail rows', () => {
    const l = computeLayout(80, 24);
    if (l.kind !== 'stacked') throw new Error('expected stacked');
    expect(paneAt(l, 10, l.list.height)).toEqual({ pane: 'list', row: l.list.height - 1 });
    expect(paneAt(l, 10, l.list.height + 1)).toBeUndefined(); // the rule
    expect(paneAt(l, 10, l.list.height + 2)).toEqual({ pane: 'detail', row: 0 });
    expect(paneAt(l, 10, 23)).toBeUndefined(); // footer
    expect(paneAt(computeLayout(30, 8), 1, 1)).toBeUndefined(); // too small
  });
});

describe('the wheel', () => {
  test('over the list moves the selection three rows a notch, and the list scrolls with it', async () => {
    const m = await mouseSession(80, 24);
    m.wheel(5, 2, 'down');
    expect(m.nav().cursor).toBe(3);
    m.wheel(5, 2, 'down');
    m.wheel(5, 2, 'down');
    expect(m.nav().cursor).toBe(9);
    expect(m.nav().top).toBeGreaterThan(0); // 8 rows shown: the selection stays in view
    m.wheel(5, 2, 'up');
    expect(m.nav().cursor).toBe(6);
    for (let i = 0; i < 10; i++) m.wheel(5, 2, 'up');
    expect(m.nav()).toMatchObject({ cursor: 0, top: 0, focus: 'list' });
    expect(isRead(m.session, 0)).toBe(false); // moving is not reading
  });

  test('over the detail scrolls the detail, not the list, whichever pane has the focus', async () => {
    const m = await mouseSession(80, 24);
    const detailRow = computeLayout(80, 24).kind === 'stacked' ? 12 : 0;
    const lines = m.view.measure.detailLines(m.session.selected, m.nav());
    expect(lines).toBeGreaterThan(13 + 3); // the first sample paper's detail is longer than its pane
    m.wheel(5, detailRow, 'down');
    expect(m.nav()).toMatchObject({ cursor: 0, detailTop: 3, focus: 'list' });
    for (let i = 0; i < 50; i++) m.wheel(5, detailRow, 'down');
    expect(m.nav().detailTop).toBe(lines - 13); // stops at the end of the text
    m.wheel(5, detailRow, 'up');
    expect(m.nav().detailTop).toBe(lines - 16);
  });

  test('over the header, the footer or the rule does nothing', async () => {
    const m = await mouseSession(120, 30);
    const before = m.session.getSnapshot();
    m.wheel(5, 0, 'down');
    m.wheel(5, 29, 'down');
    m.wheel(computeLayout(120, 30).kind === 'split' ? 53 : 0, 5, 'down');
    m.act({ action: 'wheel', direction: 'left', x: 5, y: 5 });
    expect(m.session.getSnapshot()).toBe(before);
  });

  test('with the help up, scrolls the help; a click closes it', async () => {
    const m = await mouseSession(80, 24);
    m.session.keys(['?'], m.view.measure);
    m.wheel(5, 5, 'down');
    expect(m.nav()).toMatchObject({ help: true, helpTop: 3, cursor: 0 });
    m.click(5, 5);
    expect(m.nav()).toMatchObject({ help: false, cursor: 0, focus: 'list' });
  });
});

describe('clicks', () => {
  test('a click on a list row selects that paper; on the selected row it opens it (read), as Enter', async () => {
    const m = await mouseSession(120, 30);
    m.click(10, 1 + 4);
    expect(m.nav()).toMatchObject({ cursor: 4, focus: 'list' });
    expect(m.session.getSnapshot().detail).toBe(m.session.getSnapshot().list.papers[4]);
    expect(isRead(m.session, 4)).toBe(false);
    m.click(10, 1 + 4);
    expect(m.nav()).toMatchObject({ cursor: 4, focus: 'detail' });
    expect(isRead(m.session, 4)).toBe(true);
    // From the detail, a click on another row selects it and gives the list the focus back.
    m.click(10, 1 + 1);
    expect(m.nav()).toMatchObject({ cursor: 1, focus: 'list' });
  });

  test('rows are hit where they are drawn after the list scrolled; below the last paper nothing', async () => {
    const m = await mouseSession(80, 24);
    m.session.keys(['G'], m.view.measure);
    const { top, count } = m.nav();
    expect(top).toBe(count - 8);
    m.click(3, 1);
    expect(m.nav().cursor).toBe(top);
    // A list shorter than its pane: the empty rows below it do nothing.
    const m2 = await mouseSession(120, 30, 5);
    const count2 = m2.nav().count;
    expect(count2).toBe(5);
    const before = m2.session.getSnapshot();
    m2.click(3, 1 + count2);
    expect(m2.session.getSnapshot()).toBe(before);
  });

  test('a click in the detail focuses it (not read, as Tab); on a link line it opens that link as o', async () => {
    const m = await mouseSession(120, 40);
    const l = computeLayout(120, 40);
    if (l.kind !== 'split') throw new Error('expected split');
    const x = l.list.width + 3;
    const index = m.session.getSnapshot().list.papers.findIndex((p) => p.links.length > 0);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(l.list.height);
    if (index > 0) m.click(5, 1 + index);
    const paper = m.session.selected!;
    expect(paper.links.length).toBeGreaterThan(0);
    expect(m.click(x, 1)).toEqual([]); // the title
    expect(m.nav().focus).toBe('detail');
    expect(isRead(m.session, index)).toBe(false);
    const lines = m.view.detail(paper, m.nav(), undefined);
    const linkLine = lines.findIndex((line) => line.style === 'link');
    expect(linkLine).toBeGreaterThan(0);
    expect(lines[linkLine]!.link).toBe(1);
    expect(m.click(x, 1 + linkLine)).toEqual([{ kind: 'open', url: paper.links[0], n: 1 }]);
    // The "Links" heading above it opens nothing.
    expect(m.click(x, linkLine)).toEqual([]);
  });

  test('a link line is found where the detail is scrolled to', async () => {
    const m = await mouseSession(80, 24);
    // The first sample paper with a link and a detail longer than the stacked pane (13 rows).
    const index = m.session.getSnapshot().list.papers.findIndex(
      (p) => p.links.length > 0 && m.view.measure.detailLines(p, m.nav()) > 16,
    );
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) m.session.keys(['j'], m.view.measure);
    const paper = m.session.selected!;
    const lines = m.view.detail(paper, m.nav(), undefined);
    for (let i = 0; i < 20; i++) m.wheel(3, 12, 'down');
    const top = m.nav().detailTop;
    expect(top).toBe(lines.length - 13);
    const linkLine = lines.findIndex((line) => line.style === 'link');
    expect(linkLine).toBeGreaterThanOrEqual(top);
    expect(m.click(3, 10 + (linkLine - top))).toEqual([{ kind: 'open', url: paper.links[0], n: 1 }]);
  });

  test('while the search line or a y/n question is up, the mouse does nothing; other buttons and releases neither', async () => {
    const m = await mouseSession(120, 30);
    m.session.keys(['/'], m.view.measure);
    let before = m.session.getSnapshot();
    m.click(10, 5);
    m.wheel(10, 5, 'down');
    expect(m.session.getSnapshot()).toBe(before);
    m.session.keys(['escape', 'A'], m.view.measure);
    expect(m.session.getSnapshot().confirm).toBeDefined();
    before = m.session.getSnapshot();
    m.click(10, 5);
    expect(m.session.getSnapshot()).toBe(before);
    m.session.keys(['n'], m.view.measure);
    before = m.session.getSnapshot();
    m.act({ action: 'press', button: 'right', x: 10, y: 5 });
    m.act({ action: 'release', button: 'left', x: 10, y: 5 });
    m.act({ action: 'drag', button: 'left', x: 10, y: 5 });
    expect(m.session.getSnapshot()).toBe(before);
    expect(papers.length).toBeGreaterThan(0);
  });
});
