// Bundles the CLI into one ESM file, dist/paperterm.js, which bin/paperterm.js runs: Node then
// reads one file instead of the ~300 modules React, Ink and their dependencies are made of, which
// takes the reader's start from over a second to about half of that on a small machine. Modules
// loaded with import() (the reader, the search engine, the marks store) are still evaluated only
// when asked for.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Ink 6.8 builds every frame from scratch, cell by cell: two patches make a frame cost what
 * changed on it. Frames whose text blocks neither overlap nor are clipped are composed row by row
 * (ink-fast-output.js; any other frame by Ink as before), and each text node's width is remembered
 * across frames (Ink measures it again every frame). If an Ink upgrade changes the code, a patch is
 * left out with a warning: the program stays correct, only slower.
 */
const INK_PATCHES = [
  {
    file: /ink[\\/]build[\\/]output\.js$/,
    from: 'export default class Output {',
    to: 'class InkOutput {',
    prelude: `import { composeRows } from ${JSON.stringify(fileURLToPath(new URL('./ink-fast-output.js', import.meta.url)))};\n`,
    append:
      '\nexport default class Output extends InkOutput {\n    get() {\n        const rows = composeRows(this.operations, this.height);\n        return rows ? { output: rows.join("\\n"), height: this.height } : super.get();\n    }\n}\n',
  },
  {
    file: /ink[\\/]build[\\/]render-node-to-output\.js$/,
    from: "import widestLine from 'widest-line';",
    to: "import widestLineOnce from 'widest-line';\nconst widestLines = new Map();\nconst widestLine = (text) => { let w = widestLines.get(text); if (w === undefined) { w = widestLineOnce(text); if (widestLines.size >= 20000) widestLines.clear(); widestLines.set(text, w); } return w; };",
  },
  {
    // Yoga's Emscripten loader fetches its WebAssembly from a data: URL with fetch() when there is
    // one, which on Node loads undici (the whole fetch implementation) and decodes the URL through
    // it: ~60 ms of every start. Its other path decodes the same base64 text directly.
    file: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    from: 'function ya(){return w||"function"!=typeof fetch?',
    to: 'function ya(){return !0?',
  },
];

const inkCaches = {
  name: 'ink-frame-caches',
  setup(b) {
    b.onLoad({ filter: /(ink[\\/]build[\\/](output|render-node-to-output)|yoga-wasm-base64-esm)\.js$/ }, async (args) => {
      let code = await readFile(args.path, 'utf8');
      const patch = INK_PATCHES.find((p) => p.file.test(args.path));
      if (!patch || !code.includes(patch.from)) {
        console.warn(`bundle: Ink or Yoga changed, a start-up or frame patch left out (${args.path})`);
        return { contents: code, loader: 'js' };
      }
      code = code.replace(patch.from, patch.to).replace(/\/\/# sourceMappingURL=.*$/m, '');
      return { contents: (patch.prelude ?? '') + code + (patch.append ?? ''), loader: 'js', resolveDir: dirname(args.path) };
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
  alias: {
    'react-devtools-core': './scripts/devtools-stub.js',
    // Ink measures every text node (and the fast composition every row) with string-width.
    'string-width': './scripts/string-width-cached.js',
  },
  // Packages written as CommonJS call require(); give them one in the ES module.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // `open` runs the xdg-open script it ships beside its own files: it is loaded from node_modules.
  external: ['open'],
  plugins: [inkCaches],
  // Less to read and compile at every start (~1.7 MB → ~0.8 MB).
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
