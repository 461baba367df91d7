// Bundles the CLI into one ESM file, dist/paperterm.js, which bin/paperterm.js runs: Node then
// reads one file instead of the ~300 modules React, Ink and their dependencies are made of, which
// takes the reader's start from over a second to about half of that on a small machine. Modules
// loaded with import() (the reader, the search engine, the marks store) are still evaluated only
// when asked for.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

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
  legalComments: 'none',
  logLevel: 'warning',
});
