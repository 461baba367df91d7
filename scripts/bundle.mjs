// Bundles the CLI into one CommonJS file, dist/paperterm.cjs, which bin/paperterm.js runs: Node then
// reads one file instead of the ~300 modules React, Ink and their dependencies are made of, which
// takes the reader's start from over a second to about half of that on a small machine. Modules
// loaded with import() (the reader, the search engine, the marks store) are still evaluated only
// when asked for.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUTFILE = join(root, 'dist/paperterm.cjs');

/**
 * Patches to dependencies, for speed only. Ink 6.8 builds every frame from scratch, cell by cell:
 * two patches make a frame cost what changed on it. Frames whose text blocks neither overlap nor are clipped are composed row by row
 * (ink-fast-output.js; any other frame by Ink as before), and each text node's width is remembered
 * across frames (Ink measures it again every frame; that cache and Ink's own text measures keep the
 * last thousand texts). Another leaves alone the texts Ink's sanitizing would give back unchanged
 * (ink-sgr-only.js). The others take work off every start. If an
 * upgrade changes the code, a patch is left out with a warning: the program stays correct, only slower.
 */
const INK_PATCHES = [
  {
    file: /ink[\\/]build[\\/]output\.js$/,
    edits: [['export default class Output {', 'class InkOutput {']],
    prelude: `import { composeRows } from ${JSON.stringify(fileURLToPath(new URL('./ink-fast-output.js', import.meta.url)))};\n`,
    append:
      '\nexport default class Output extends InkOutput {\n    get() {\n        const rows = composeRows(this.operations, this.height);\n        return rows ? { output: rows.join("\\n"), height: this.height } : super.get();\n    }\n}\n',
  },
  {
    file: /ink[\\/]build[\\/]render-node-to-output\.js$/,
    edits: [
      [
        "import widestLine from 'widest-line';",
        "import widestLineOnce from 'widest-line';\nconst widestLines = new Map();\nconst widestLine = (text) => { let w = widestLines.get(text); if (w === undefined) { w = widestLineOnce(text); if (widestLines.size >= 1000) widestLines.clear(); widestLines.set(text, w); } return w; };",
      ],
    ],
  },
  {
    // Ink remembers every text it measured, for good: a pane's whole text (one Text, see
    // src/ui/view/segments.tsx Rows) is a new one at every key that changes it, a few KB each.
    // Kept to the last thousand texts (a frame has about six).
    file: /ink[\\/]build[\\/]measure-text\.js$/,
    edits: [['    cache.set(text, dimensions);', '    if (cache.size >= 1000) cache.clear();\n    cache.set(text, dimensions);']],
  },
  {
    // Every styled text is cut into tokens to keep what it already is (ink-sgr-only.js).
    file: /ink[\\/]build[\\/]sanitize-ansi\.js$/,
    edits: [['    if (!hasAnsiControlCharacters(text)) {', '    if (!needsSanitizing(text)) {']],
    prelude: `import { needsSanitizing } from ${JSON.stringify(fileURLToPath(new URL('./ink-sgr-only.js', import.meta.url)))};\n`,
  },
  {
    // Yoga's Emscripten loader fetches its WebAssembly from a data: URL with fetch() when there is
    // one, which on Node loads undici (the whole fetch implementation) and decodes the URL through
    // it: ~60 ms of every start. Its other path decodes the same base64 text directly.
    file: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    // Its base64 decoding (atob, then a loop copying the text into bytes) takes ~3 ms; Buffer's is native.
    edits: [
      ['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return !0?'],
      [
        'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
        'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))',
      ],
    ],
  },
  {
    // string-width makes its regexes when it is loaded, at every start: esbuild writes its /v
    // literals as RegExp constructor calls (for Node 20), and the emoji one (\p{RGI_Emoji}) takes
    // ~15 ms to build. The bundle's string-width (string-width-cached.js) seldom needs it, and not
    // for a first frame: the module's code runs at its first call instead.
    file: /node_modules[\\/]string-width[\\/]index\.js$/,
    edits: [
      [
        'const segmenter = new Intl.Segmenter();',
        'let lazyStringWidth;\nexport default function stringWidth(input, options) {\n\treturn (lazyStringWidth ??= makeStringWidth())(input, options);\n}\n\nfunction makeStringWidth() {\nconst segmenter = new Intl.Segmenter();',
      ],
      ['export default function stringWidth(input, options = {}) {', 'return stringWidth;\nfunction stringWidth(input, options = {}) {'],
    ],
    append: '}\n',
  },
];

const inkCaches = {
  name: 'ink-frame-caches',
  setup(b) {
    b.onLoad({ filter: /(ink[\\/]build[\\/](output|render-node-to-output|sanitize-ansi|measure-text)|yoga-wasm-base64-esm|string-width[\\/]index)\.js$/ }, async (args) => {
      let code = await readFile(args.path, 'utf8');
      const patch = INK_PATCHES.find((p) => p.file.test(args.path));
      // Each edit must find its text exactly once, or the file is left as it is.
      if (!patch || !patch.edits.every(([from]) => code.split(from).length === 2)) {
        console.warn(`bundle: Ink, Yoga or string-width changed, a start-up or frame patch left out (${args.path})`);
        return { contents: code, loader: 'js' };
      }
      for (const [from, to] of patch.edits) code = code.replace(from, () => to);
      code = code.replace(/\/\/# sourceMappingURL=.*$/m, '');
      return { contents: (patch.prelude ?? '') + code + (patch.append ?? ''), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * Node modules the bundle would load at every start though a start never uses them: esbuild hoists
 * each import of a Node module to the bundle's top, so child_process (terminal-size's fallback when
 * stdout is not a terminal) and assert (conf checking its defaults) cost ~4 ms before anything is
 * drawn. Their importers get a stand-in that loads the module at its first use. Only the names
 * listed are exported: an import of any other fails the build, so an upgrade cannot slip past.
 */
const LAZY_NODE_MODULES = {
  'node:child_process': ['execFileSync'],
  'node:assert': ['default'],
};

const lazyNodeModules = {
  name: 'lazy-node-modules',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY_NODE_MODULES).join('|')})$`);
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy-node-module' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-node-module' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-node-module' }, (args) => {
      const name = JSON.stringify(args.path);
      const exports = LAZY_NODE_MODULES[args.path].map((key) => {
        // A callable stand-in that is also the module's object (assert(x) and assert.deepEqual(a, b)).
        const target = key === 'default' ? 'load()' : `load()[${JSON.stringify(key)}]`;
        const value = `new Proxy(function () {}, { apply: (_, self, args) => Reflect.apply(${target}, self, args), get: (_, k) => ${target}[k] })`;
        return key === 'default' ? `export default ${value};` : `export const ${key} = ${value};`;
      });
      const contents = `let loaded;\nconst load = () => (loaded ??= require(${name}));\n${exports.join('\n')}\n`;
      return { contents, loader: 'js' };
    });
  },
};

// Built as ESM, then turned into CommonJS: bin/paperterm.js compiles it with vm.Script, which can
// keep V8's compiled code between runs (a code cache) on Node 20, where ES modules cannot. esbuild
// refuses top-level await (Yoga and Ink have some) when it bundles to CommonJS, but in the ESM bundle
// those modules sit in async initialisers (they are loaded with import()), so the bundle converts.
const esm = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/run.ts'],
  outfile: OUTFILE,
  write: false,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // React and Ink pick their builds from NODE_ENV; React's development build checks every render
  // and is several times slower. The bundle is the production program, and carries only that build.
  define: {
    'process.env.NODE_ENV': '"production"',
    // Every Intl.Segmenter is made at its first use (see lazy-segmenter.js).
    'Intl.Segmenter': 'LazySegmenter',
  },
  inject: ['./scripts/lazy-segmenter.js'],
  // Ink loads React DevTools only when DEV is set; the bundle never does, so the module is a stub.
  alias: {
    'react-devtools-core': './scripts/devtools-stub.js',
    // Ink measures every text node (and the fast composition every row) with string-width.
    'string-width': './scripts/string-width-cached.js',
  },
  // `open` runs the xdg-open script it ships beside its own files: it is loaded from node_modules
  // (with import(): it is an ES module).
  external: ['open'],
  plugins: [inkCaches, lazyNodeModules],
  legalComments: 'none',
  logLevel: 'warning',
});

// Code compiled from a V8 code cache cannot run import() on Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_
// MISSING: the cache does not keep the script's loader): the bundle's few import() calls (of
// `open`, an ES module) go through the launcher's, passed in as __pt_import (bin/paperterm.js);
// when the bundle is loaded with require() there is none, and import() works.
const IMPORT_CALL = /\bimport\(("[^"\\]+")\)/g;
const imports = esm.outputFiles[0].text.match(IMPORT_CALL) ?? [];
if (!imports.includes('import("open")')) throw new Error(`bundle: expected import("open") in the bundle, found ${imports.join(', ') || 'none'}`);
const converted = await transform(esm.outputFiles[0].text.replace(IMPORT_CALL, '__ptImport($1)'), {
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Each module's URL was the bundle's in the ESM bundle too (Ink reads its package.json by it).
  define: { 'import.meta.url': '__pt_url' },
  banner:
    'var __pt_url = require("node:url").pathToFileURL(__filename).href;\n' +
    'var __ptImport = typeof __pt_import === "function" ? __pt_import : (specifier) => import(specifier);',
  legalComments: 'none',
  logLevel: 'warning',
});

// Each module's `import fs from 'node:fs'` became __toESM(require("node:fs")), which copies every
// property of the module onto a new object as a getter: 92 copies at a reader's start, ~9 ms, most
// of them of the same few Node modules (fs alone 18 times). This helper only ever wraps Node's own
// modules (everything else is bundled), which are never half-loaded: each is copied once.
const TO_ESM = 'var __toESM = (mod, isNodeMode, target) =>';
if (converted.code.split(TO_ESM).length !== 2) throw new Error('bundle: esbuild\'s __toESM helper changed; update scripts/bundle.mjs');
const memoized =
  converted.code.replace(TO_ESM, 'var __toESMCopy = (mod, isNodeMode, target) =>') +
  '\nfunction __toESM(mod, isNodeMode) {\n' +
  '  const memo = (__toESM.memo ??= [new WeakMap(), new WeakMap()])[isNodeMode ? 1 : 0];\n' +
  '  let ns = memo.get(mod);\n' +
  '  if (ns === undefined) memo.set(mod, (ns = __toESMCopy(mod, isNodeMode)));\n' +
  '  return ns;\n' +
  '}\n';

const cjs = await transform(memoized, {
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Less to read and compile at every start (~1.7 MB → ~0.8 MB). `--readable` keeps the names and
  // lines (to read a CPU profile).
  minify: !process.argv.includes('--readable'),
  legalComments: 'none',
  logLevel: 'warning',
});

// The build id heads the file: bin/paperterm.js keys its code cache by it (V8 checks a cache against
// the source's length, not its text), without hashing the bundle at every start.
const id = createHash('sha256').update(cjs.code).digest('hex').slice(0, 16);
await mkdir(dirname(OUTFILE), { recursive: true });
await writeFile(OUTFILE, `//paperterm-build:${id}\n${cjs.code}`);
// The ESM bundle earlier builds wrote; left in place it would only mislead.
await rm(join(root, 'dist/paperterm.js'), { force: true });
