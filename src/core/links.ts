// Digest abstracts carry URLs in many shapes: "at~https://…", "(https://…).", LaTeX leftovers like
// "https://x.github.io/{https://x.github.io/}." and scheme-less "user.github.io/page".
const WITH_SCHEME = /https?:\/\/[^\s{}<>"'`~\\]+/gi;
const WITHOUT_SCHEME = /(?<![\w./@:-])((?:www\.[\w-]+(?:\.[\w-]+)+|[\w-]+(?:\.[\w-]+)*\.(?:github|gitlab)\.io)(?:\/[^\s{}<>"'`~\\]*)?)/gi;
const MAYBE_SCHEMELESS = /www\.|\.io/i;
const TRAILING = /[.,;:!?'"*]+$/;

function trimUrl(url: string): string {
  let u = url;
  for (;;) {
    const before = u;
    u = u.replace(TRAILING, '');
    // A closing bracket belongs to the URL only when the URL opened it.
    for (const [open, close] of [['(', ')'], ['[', ']']] as const) {
      while (u.endsWith(close) && count(u, open) < count(u, close)) u = u.slice(0, -1);
    }
    if (u === before) return u;
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** The URLs in a text, in order of first appearance, without duplicates. Scheme-less ones get https://. */
export function extractLinks(text: string): string[] {
  if (!text.includes('http') && !text.includes('www.') && !text.includes('.io')) return [];
  const found: { at: number; url: string }[] = [];
  const taken: [number, number][] = [];
  for (const m of text.matchAll(WITH_SCHEME)) {
    const url = trimUrl(m[0]);
    if (/^https?:\/\/[\w-]+(\.[\w-]+)+/i.test(url)) found.push({ at: m.index, url });
    taken.push([m.index, m.index + m[0].length]);
  }
  // Every scheme-less match holds "www." or ".io"; most abstracts have neither, and the full pattern
  // is by far the slowest part of loading a large library.
  const schemeless = MAYBE_SCHEMELESS.test(text) ? text.matchAll(WITHOUT_SCHEME) : [];
  for (const m of schemeless) {
    if (taken.some(([a, b]) => m.index >= a && m.index < b)) continue;
    found.push({ at: m.index, url: `https://${trimUrl(m[1]!)}` });
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.url))];
}
