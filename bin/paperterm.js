#!/usr/bin/env node
// Launcher for the bundled CLI, dist/paperterm.js (built by `npm run build`, which `npm install` runs).
import { run } from '../dist/paperterm.js';

run(process.argv.slice(2));
