// Bundles the CLI into one ESM file, dist/paperterm.js, which bin/paperterm.js runs: Node then
// reads one file instead of the ~300 modules React, Ink and their dependencies are made of, which
// takes the reader's start from over a second to about half of that on a small machine. Modules
// loaded with import() (the reader, the search engine, the marks store) are still evaluated only
// when asked for.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Two caches Ink 6.8 keeps per frame, kept across frames instead. Ink builds every frame from
 * scratch: each text line is cut into styled characters (ansi-tokenize) and each text node measured
 * (widest-line), with caches that live for one frame only. A reader frame is mostly the lines of
 * the last one, so keeping them makes a frame cost what changed on it (at 120×40: ~23 → ~15 ms of
 * CPU per cursor move on a 2-core machine). Each cache is bounded. If an Ink upgrade changes the
 * code, the patch is left out with a warning: the program stays correct, only slower.
 */
const INK_PATCHES = [
  {
    file: /ink[\\/]build[\\/]output\.js$/,
    from: '    caches = new OutputCaches();',
    to: '    caches = sharedCaches;',
    prelude: 'let sharedCaches;\n',
    after: /^class OutputCaches \{[\s\S]*?\n\}\n/m,
    append:
      'sharedCaches = new OutputCaches();\nfor (const name of ["widths", "blockWidths", "styledChars"]) { const map = sharedCaches[name]; const set = map.set.bind(map); map.set = (k, v) => { if (map.size >= 20000) map.clear(); return set(k, v); }; }\n',
  },
  {
    file: /ink[\\/]build[\\/]render-node-to-output\.js$/,
    from: "import widestLine from 'widest-line';",
    to: "import widestLineOnce from 'widest-line';\nconst widestLines = new Map();\nconst widestLine = (text) => { let w = widestLines.get(text); if (w === undefined) { w = widestLineOnce(text); if (widestLines.size >= 20000) widestLines.clear(); widestLines.set(text, w); } return w; };",
  },
];

const inkCaches = {
  name: 'ink-frame-caches',
  setup(b) {
    b.onLoad({ filter: /ink[\\/]build[\\/](output|render-node-to-output)\.js$/ }, async (args) => {
      let code = await readFile(args.path, 'utf8');
      const patch = INK_PATCHES.find((p) => p.file.test(args.path));
      if (!patch || !code.includes(patch.from) || (patch.after && !patch.after.test(code))) {
        console.warn(`bundle: Ink changed, frame caches left out (${args.path})`);
        return { contents: code, loader: 'js' };
      }
      code = code.replace(patch.from, patch.to);
      if (patch.after) code = code.replace(patch.after, (cls) => `${cls}${patch.append}`);
      return { contents: (patch.prelude ?? '') + code, loader: 'js' };
    });
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/run.ts'],
  outfile: 'dist/paperterm.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // React and Ink pick their builds from NODE_ENV; React's development build checks every render
  // and is several times slower. The bundle is the production program, and carries only that build.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink loads React DevTools only when DEV is set; the bundle never does, so the module is a stub.
  alias: { 'react-devtools-core': './scripts/devtools-stub.js' },
  // Packages written as CommonJS call require(); give them one in the ES module.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [inkCaches],
  legalComments: 'none',
  logLevel: 'warning',
});
