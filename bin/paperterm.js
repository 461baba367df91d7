#!/usr/bin/env node
// Launcher for the compiled CLI in dist/ (built by `npm run build`, which `npm install` runs).
import { run } from '../dist/src/cli/run.js';

run(process.argv.slice(2));
