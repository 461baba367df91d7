/**
 * The daily flow in the session (issue 14) on the real samples: what is new (view 4, the header's
 * count, the row marker), r for similar papers (Esc back exactly where you were), and digests that
 * arrive while the reader runs (merged without moving the selection or the scroll).
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { loadLibrary, readDigestFile } from '../src/core/load.js';
import type { Paper } from '../src/core/types.js';
import { createSimilarIndex } from '../src/search/similar.js';
import type { ReaderSession, SimilarSource } from '../src/ui/reader/session.js';
import type { SimilarBuild } from '../src/ui/reader/similar-list.js';
import { digestDays, viewLabel } from '../src/ui/reader/views.js';
import { pinnedSamples } from './helpers/digests.js';
import { cleanupStores, MEASURE, sampleLibrary, testSession, turn } from './helpers/session.js';

const { papers, dates } = sampleLibrary();

afterEach(cleanupStores);

function keys(session: ReaderSession, ...names: string[]) {
  return session.keys(names, MEASURE);
}
const snap = (s: ReaderSession) => s.getSnapshot();
/** Waits (a turn at a time) until `done`; the similar index and the search index build off the key path. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await turn();
  expect(done()).toBe(true);
}

/** A similar source whose builds finish (with the real index) or report progress when the test says. */
function heldSource() {
  const calls: { papers: readonly Paper[]; build: SimilarBuild; finish: () => void }[] = [];
  const source: SimilarSource = (list, build) =>
    new Promise((resolve, reject) => {
      build.signal.addEventListener('abort', () => reject(new Error('aborted')));
      calls.push({ papers: list, build, finish: () => resolve(createSimilarIndex(list)) });
    });
  return { source, calls };
}

describe('new papers: the count, the marker and view 4', () => {
  // As recordOpened reports them: here the papers of the newest digest that were in no older one.
  const fresh = papers.filter((p) => p.dates.length === 1 && p.dates[0] === dates[0]);
  const newIds = new Set(fresh.map((p) => p.id));

  test('the header counts them, each row can tell, 4 lists exactly them; 1 goes back to all', async () => {
    expect(fresh.length).toBeGreaterThan(10);
    const { session } = await testSession({ newIds });
    expect(snap(session).newCount).toBe(fresh.length);
    expect(snap(session).isNew(fresh[0]!)).toBe(true);
    expect(snap(session).isNew(papers.find((p) => p.dates.length > 1)!)).toBe(false);
    keys(session, '4');
    expect(snap(session).list.papers).toEqual(fresh);
    expect(viewLabel(snap(session).view)).toBe('New papers');
    // Reading a new paper does not take it out of the view: new means first seen, not unread.
    keys(session, 'space', 'j');
    expect(snap(session).list.papers).toEqual(fresh);
    keys(session, '1');
    expect(snap(session).list.papers).toHaveLength(papers.length);
  });

  test('without new papers the view is empty and the status line says why', async () => {
    const { session } = await testSession();
    expect(snap(session).newCount).toBe(0);
    keys(session, '4');
    expect(snap(session).list.papers).toEqual([]);
    expect(snap(session).status?.text).toBe('No new papers since the reader was last opened');
  });

  test('view 4 combines with a search', async () => {
    const { session } = await testSession({ newIds });
    keys(session, '4', '/', ...'diffusion', 'enter');
    await turn();
    const shown = snap(session).list.papers;
    expect(shown.length).toBeGreaterThan(0);
    for (const p of shown) expect(newIds.has(p.id)).toBe(true);
  });
});

describe('r lists the most similar papers; Esc goes back exactly where you were', () => {
  const bevAt = papers.findIndex((p) => p.title.startsWith('MetaBEV'));
  const BEV = /\bBEV|bird'?s?[- ]eye|3D (object )?(detection|detector|perception)|multi-view 3D/i;

  /** The real index, through an injected source that counts its builds. */
  function countingSource(): { source: SimilarSource; builds: () => number } {
    let n = 0;
    return {
      source: async (list) => {
        n++;
        return createSimilarIndex(list);
      },
      builds: () => n,
    };
  }

  test('a BEV detection paper: BEV / 3D detection papers, under "similar to"; Esc restores list, selection and scroll', async () => {
    expect(bevAt).toBeGreaterThan(20);
    const counted = countingSource();
    const { session } = await testSession({ similar: counted.source });
    expect(counted.builds()).toBe(0); // nothing is built before the first r
    keys(session, ...Array<string>(bevAt).fill('j'));
    const before = snap(session);
    keys(session, 'r');
    expect(snap(session).similar).toEqual({ to: papers[bevAt], pending: true });
    await until(() => snap(session).similar?.pending === false);
    const found = snap(session).list.papers;
    expect(found.length).toBeGreaterThanOrEqual(5);
    expect(found).not.toContain(papers[bevAt]);
    expect(found.slice(0, 5).filter((p) => BEV.test(`${p.title} ${p.abstract}`)).length).toBeGreaterThanOrEqual(4);
    expect(snap(session).nav.cursor).toBe(0);
    keys(session, 'j', 'j');
    keys(session, 'escape');
    expect(snap(session).similar).toBeUndefined();
    expect(snap(session).list).toBe(before.list);
    expect(snap(session).nav).toEqual(before.nav);
    expect(session.selected).toBe(papers[bevAt]);
    // A second r uses the index built for the first.
    keys(session, 'r');
    await until(() => snap(session).similar?.pending === false);
    expect(counted.builds()).toBe(1);
  });

  test('r in the detail, r again on a result, then Esc steps back one list at a time, to the detail it left', async () => {
    const { session } = await testSession();
    keys(session, ...Array<string>(bevAt).fill('j'), 'tab', 'j');
    const start = snap(session).nav;
    expect(start.focus).toBe('detail');
    keys(session, 'r');
    await until(() => snap(session).similar?.pending === false);
    keys(session, 'h', 'j');
    const second = session.selected!;
    const firstList = snap(session).list;
    keys(session, 'r');
    await until(() => snap(session).similar?.pending === false);
    expect(snap(session).similar?.to).toBe(second);
    keys(session, 'escape');
    expect(snap(session).list).toBe(firstList);
    expect(session.selected).toBe(second);
    keys(session, 'escape');
    expect(snap(session).nav).toEqual(start);
    expect(session.selected).toBe(papers[bevAt]);
    // Esc on the list now is the plain Esc again (no search to clear: nothing moves).
    keys(session, 'h', 'escape');
    expect(session.selected).toBe(papers[bevAt]);
  });

  test('a search line opened over the similar list and cancelled comes back to it; a view leaves it', async () => {
    const { session } = await testSession();
    keys(session, ...Array<string>(bevAt).fill('j'), 'r');
    await until(() => snap(session).similar?.pending === false);
    const list = snap(session).list;
    keys(session, '/', ...'time', 'escape');
    await turn();
    expect(snap(session).list).toBe(list);
    expect(snap(session).similar?.to).toBe(papers[bevAt]);
    keys(session, '2');
    expect(snap(session).similar).toBeUndefined();
    expect(snap(session).view).toEqual({ kind: 'unread' });
  });

  test('the model builds the index lazily: a failing source leaves the list as it was, with a warning', async () => {
    const { session } = await testSession({ similar: () => Promise.reject(new Error('no memory')) });
    keys(session, 'j', 'j');
    const before = snap(session);
    keys(session, 'r');
    await until(() => snap(session).similar === undefined);
    expect(snap(session).list).toBe(before.list);
    expect(session.selected).toBe(papers[2]);
    expect(snap(session).status).toEqual({ text: 'Cannot find similar papers: no memory', warning: true });
  });
});

describe('the similar index built ahead of r, in the background', () => {
  const bevAt = papers.findIndex((p) => p.title.startsWith('MetaBEV'));

  test('prepared once the reader is idle: r afterwards lists at once, in the frame of the key', async () => {
    const held = heldSource();
    const { session } = await testSession({ similar: held.source });
    expect(held.calls).toHaveLength(0);
    session.prepareSimilar();
    expect(held.calls).toHaveLength(1);
    expect(held.calls[0]!.papers).toBe(session.papers);
    held.calls[0]!.finish();
    await turn();
    keys(session, ...Array<string>(bevAt).fill('j'), 'r');
    expect(snap(session).similar).toEqual({ to: papers[bevAt], pending: false });
    expect(snap(session).list.papers.length).toBeGreaterThanOrEqual(5);
    expect(snap(session).list.papers).not.toContain(papers[bevAt]);
    session.prepareSimilar();
    expect(held.calls).toHaveLength(1);
  });

  test('r before it is ready: the footer counts the build, keys still work, the list comes when it is done', async () => {
    const held = heldSource();
    const { session } = await testSession({ similar: held.source });
    session.prepareSimilar();
    keys(session, ...Array<string>(bevAt).fill('j'), 'r');
    expect(snap(session).similar).toEqual({ to: papers[bevAt], pending: true });
    expect(snap(session).status).toEqual({ text: 'Finding similar papers… 0%', warning: false });
    held.calls[0]!.build.progress(0.4);
    expect(snap(session).status).toEqual({ text: 'Finding similar papers… 40%', warning: false });
    // A search line opens over the wait and closes back to it.
    keys(session, '/');
    expect(snap(session).line).toBeTruthy();
    keys(session, 'escape');
    expect(snap(session).line).toBeFalsy();
    expect(snap(session).similar).toEqual({ to: papers[bevAt], pending: true });
    held.calls[0]!.build.progress(0.9);
    expect(snap(session).status?.text).toBe('Finding similar papers… 90%');
    held.calls[0]!.finish();
    await until(() => snap(session).similar?.pending === false);
    expect(snap(session).list.papers.length).toBeGreaterThanOrEqual(5);
    expect(snap(session).status).toBeUndefined();
    expect(held.calls).toHaveLength(1);
  });

  test('Esc cancels the wait: back where r was pressed, and the list does not come over it later', async () => {
    const held = heldSource();
    const { session } = await testSession({ similar: held.source });
    keys(session, 'j', 'j', 'j');
    const before = snap(session);
    keys(session, 'r');
    expect(snap(session).status?.text).toBe('Finding similar papers… 0%');
    keys(session, 'escape');
    expect(snap(session).similar).toBeUndefined();
    expect(snap(session).list).toBe(before.list);
    expect(snap(session).nav).toEqual(before.nav);
    held.calls[0]!.build.progress(0.5);
    expect(snap(session).status).toBeUndefined();
    held.calls[0]!.finish();
    await turn();
    expect(snap(session).list).toBe(before.list);
    // The build went on: r now answers at once.
    keys(session, 'r');
    expect(snap(session).similar?.pending).toBe(false);
    expect(held.calls).toHaveLength(1);
  });

  test('closing the reader stops a build still running', async () => {
    const held = heldSource();
    const { session } = await testSession({ similar: held.source });
    session.prepareSimilar();
    expect(held.calls[0]!.build.signal.aborted).toBe(false);
    session.dispose();
    expect(held.calls[0]!.build.signal.aborted).toBe(true);
  });
});

describe('digests that arrive while the reader runs', () => {
  const pinned = pinnedSamples();
  afterAll(() => rmSync(pinned.dir, { recursive: true, force: true }));
  // The reader was opened before the Mar 18 digest landed.
  const older = loadLibrary([pinned.files.mar17, pinned.files.mar14, pinned.files.undated]);
  const mar18 = readDigestFile(pinned.files.mar18);
  const expectedNew = papers.filter((p) => !older.papers.some((q) => q.id === p.id));

  async function openedBefore() {
    return testSession({ papers: older.papers, days: digestDays(older.digests) });
  }

  test('merged in: the selected paper stays on its row, the status line counts the new papers, they are new', async () => {
    const { session } = await openedBefore();
    keys(session, ...Array<string>(30).fill('j'), 'k', 'k', 'k');
    const selected = session.selected!;
    const row = snap(session).nav.cursor - snap(session).nav.top;
    expect(row).toBeGreaterThan(0);
    const merge = session.digestsArrived([mar18]);
    expect(merge.added.map((p) => p.id).sort()).toEqual(expectedNew.map((p) => p.id).sort());
    expect(snap(session).status).toEqual({ text: `${expectedNew.length} new papers (Mar 18)`, warning: false });
    expect(session.selected?.id).toBe(selected.id);
    expect(snap(session).nav.cursor - snap(session).nav.top).toBe(row);
    // The library is now what loading every digest gives, newest digest first.
    expect(session.papers.map((p) => p.id)).toEqual(papers.map((p) => p.id));
    expect(snap(session).list.papers).toHaveLength(papers.length);
    expect(snap(session).newCount).toBe(expectedNew.length);
    keys(session, ']');
    expect(snap(session).day?.label).toBe('Mar 18');
    keys(session, '4');
    expect(snap(session).list.papers.map((p) => p.id)).toEqual(expectedNew.map((p) => p.id));
  });

  test('a prepared similar build nobody waits for is stopped and started again over the grown library', async () => {
    const held = heldSource();
    const { session } = await testSession({ papers: older.papers, days: digestDays(older.digests), similar: held.source });
    session.prepareSimilar();
    expect(held.calls[0]!.papers).toHaveLength(older.papers.length);
    session.digestsArrived([mar18]);
    expect(held.calls[0]!.build.signal.aborted).toBe(true);
    await until(() => held.calls.length === 2);
    expect(held.calls[1]!.papers).toBe(session.papers);
    expect(held.calls[1]!.papers).toHaveLength(papers.length);
    held.calls[1]!.finish();
    await turn();
    keys(session, 'r');
    expect(snap(session).similar?.pending).toBe(false);
  });

  test('the detail keeps its scroll; a paper that gained a date shows it', async () => {
    const { session } = await openedBefore();
    const again = older.papers.findIndex((p) => papers.find((q) => q.id === p.id)!.dates.includes('Mar 18'));
    expect(again).toBeGreaterThanOrEqual(0);
    keys(session, ...Array<string>(again).fill('j'), 'tab', 'j', 'j');
    const detailTop = snap(session).nav.detailTop;
    expect(detailTop).toBe(2);
    session.digestsArrived([mar18]);
    expect(session.selected?.dates[0]).toBe('Mar 18');
    expect(snap(session).nav.detailTop).toBe(detailTop);
    expect(snap(session).nav.focus).toBe('detail');
  });

  test('over a search the results stay until the index is rebuilt, then include the new papers; the selection stays', async () => {
    const { session } = await openedBefore();
    keys(session, '/', ...'diffusion', 'enter');
    await turn();
    keys(session, 'j', 'j');
    const selected = session.selected!;
    const count = snap(session).list.count;
    session.digestsArrived([mar18]);
    expect(session.selected?.id).toBe(selected.id);
    expect(snap(session).query).toBe('diffusion');
    await until(() => snap(session).list.count > count);
    expect(session.selected?.id).toBe(selected.id);
    expect(snap(session).list.papers.some((p: Paper) => expectedNew.includes(papers.find((q) => q.id === p.id)!))).toBe(true);
  });
});

describe('new papers known only after the session started', () => {
  test('setNewIds updates the count, the markers and view 4 in place', async () => {
    const { session } = await testSession();
    keys(session, '4');
    expect(snap(session).list.papers).toEqual([]);
    const later = new Set([papers[5]!.id, papers[9]!.id]);
    session.setNewIds(later);
    expect(snap(session).newCount).toBe(2);
    expect(snap(session).isNew(papers[5]!)).toBe(true);
    expect(snap(session).list.papers).toEqual([papers[5], papers[9]]);
  });
});
