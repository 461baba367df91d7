#!/usr/bin/env node
// Launcher for the bundled CLI, dist/paperterm.js (built by `npm run build`, which `npm install` runs).
import module from 'node:module';

// Node 22.1+ keeps the bundle's compiled code between runs (a faster start); Node 20 has no such cache.
module.enableCompileCache?.();
const { run } = await import('../dist/paperterm.js');
run(process.argv.slice(2));
