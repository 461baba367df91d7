#!/usr/bin/env node
// Launcher for the bundled CLI, dist/paperterm.cjs (built by `npm run build`, which `npm install`
// runs). It keeps V8's compiled code for the bundle between runs, a code cache: compiling the bundle
// at every start, and its functions as they are first called, is a good part of the start-up time.
// Node 22 has a cache of its own (module.enableCompileCache); Node 20 has one only for code compiled
// with vm.Script, which is how the bundle is run here. The cache is only ever a speed-up: any doubt
// about it (missing, unreadable, corrupt, from another build or Node, not a regular file), and the
// bundle is compiled as it would be without one. Kept small on purpose: it runs before everything.
// CommonJS (bin/package.json says so): an ES module entry point costs Node ~7 ms more to start.
const { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { homedir } = require('node:os');
const { basename, dirname, isAbsolute, join } = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');

const BUNDLE = join(__dirname, '..', 'dist', 'paperterm.cjs');
// What this launcher writes: a directory per build and Node, a cache per kind of run in it, temp files.
const CACHE_DIR_NAME = /^code-[0-9a-f]+-v[\w.-]+$/;
const CACHE_FILE_NAME = /^\.?[a-z]+\.jsc(\.\d+\.tmp)?$/;
// The commands of src/cli/main.ts. A name missing here only shares the cache of plain runs.
const COMMANDS = /^(list|show|export|stats|marks|search|similar)$/;
const MARK_COMMANDS = /^(read|unread|star|unstar)$/;
// A code cache is a few times the size of the bundle; anything far bigger is not one of ours.
const CACHE_MAX_BYTES = 64 * 1024 * 1024;
// A cache file: this tag, the CRC-32 of the rest, then V8's data. V8 checks that data's header
// (its version, flags, the source's length) but, in a release build, not its body: a damaged body
// crashes the process. The CRC (zlib.crc32: Node 20.15+) keeps damaged files out.
const TAG = Buffer.from('PTJC1\n');
const HEADER_BYTES = TAG.length + 4;

/** Where the cache lives: the rules of src/core/cache.ts cacheDirFromEnv (not imported: it is in the bundle). */
function cacheRoot(env) {
  if (env.PAPERTERM_CACHE_DIR) return env.PAPERTERM_CACHE_DIR;
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'paperterm');
  let home = env.HOME;
  if (!home) {
    try {
      home = homedir();
    } catch {
      return null;
    }
  }
  return home ? join(home, '.cache', 'paperterm') : null;
}

/** V8's data from the cache file, or undefined: never blocks (a FIFO in its place), never throws. */
function readCache(file) {
  let fd;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile() || st.size <= HEADER_BYTES || st.size > CACHE_MAX_BYTES) return undefined;
    const bytes = readFileSync(fd);
    const data = bytes.subarray(HEADER_BYTES);
    const intact = bytes.subarray(0, TAG.length).equals(TAG) && bytes.readUInt32LE(TAG.length) === zlib.crc32(data);
    return intact ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes the cache all or nothing (temp file + rename), and removes the caches of other builds. */
function writeCache(dir, file, data) {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
    try {
      const crc = Buffer.alloc(4);
      crc.writeUInt32LE(zlib.crc32(data));
      writeFileSync(temp, Buffer.concat([TAG, crc, data]), { mode: 0o600 });
      renameSync(temp, file);
    } catch {
      try {
        unlinkSync(temp);
      } catch {
        // Never created.
      }
      return;
    }
    const root = dirname(dir);
    for (const e of readdirSync(root, { withFileTypes: true })) {
      const other = join(root, e.name);
      if (!e.isDirectory() || !CACHE_DIR_NAME.test(e.name) || other === dir) continue;
      try {
        for (const f of readdirSync(other)) if (CACHE_FILE_NAME.test(f)) unlinkSync(join(other, f));
        rmdirSync(other);
      } catch {
        // Only wasted space; a directory holding anything else stays.
      }
    }
  } catch {
    // Best effort: the next run compiles the bundle again.
  }
}

/**
 * Which cache a run uses: one per command, as each runs its own part of the code (the reader's
 * cache is four times a command's), so the first run of one does not leave a cache of the wrong
 * functions for the others. Null (no cache) for help and version: they say little about what the
 * next runs need.
 */
function cacheName(args) {
  if (args.some((a) => /^(-h|--help|-V|--version|help)$/.test(a))) return null;
  const first = args[0] ?? '';
  if (COMMANDS.test(first)) return first;
  if (MARK_COMMANDS.test(first)) return 'mark';
  return process.stdout.isTTY ? 'reader' : 'plain';
}

// A CommonJS module's wrapper, and the bundle's import(): code compiled from a V8 code cache
// cannot run import() itself on Node 20 (the cache does not keep the script's module loader), so
// the bundle's few import() calls come here (scripts/bundle.mjs), resolved from this package as
// from the bundle.
const WRAPPER = '(function (exports, require, module, __filename, __dirname, __pt_import) { ';
const importModule = (specifier) => import(specifier);

/** Runs the bundle's code as a CommonJS module and returns its exports. */
function loadBundle(name) {
  const source = readFileSync(BUNDLE, 'utf8');
  const bundleRequire = Module.createRequire(BUNDLE);
  const build = /^\/\/paperterm-build:([0-9a-f]+)\n/.exec(source)?.[1];
  // zlib.crc32: Node 20.15+; older Node runs the bundle uncached.
  const usable = name && build && typeof zlib.crc32 === 'function' && process.env.PAPERTERM_CODE_CACHE !== '0';
  const root = usable ? cacheRoot(process.env) : null;
  if (!root) return bundleRequire(BUNDLE);

  // V8 refuses a cache from another V8 or other flags; it only checks the source's length, so the
  // build id keeps a cache to its own bundle.
  const dir = join(root, `code-${build}-${process.version}-${process.arch}`);
  const file = join(dir, `${name}.jsc`);
  const cachedData = readCache(file);
  const script = new vm.Script(`${WRAPPER}${source}\n});`, { filename: BUNDLE, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // Once the run has compiled what a start needs (the top level, then the functions it called):
    // the reader says when it has started (src/ui/app/run.tsx STARTED_EVENT), a command at its
    // exit; not after a failure, which ran little. Only what start-up ran: V8 reads all of a cache
    // at every start (~20 ms per MB here), and a long session would compile much more.
    let written = false;
    const write = () => {
      if (!written) writeCache(dir, file, script.createCachedData());
      written = true;
    };
    // After the frame that may be on its way: the cache is for the next start, not this one.
    process.once('paperterm:started', () => setImmediate(write));
    process.once('exit', (code) => {
      if (code === 0) write();
    });
  }
  const module = { exports: {}, filename: BUNDLE, id: BUNDLE, loaded: false };
  script.runInThisContext().call(module.exports, module.exports, bundleRequire, module, BUNDLE, dirname(BUNDLE), importModule);
  return module.exports;
}

const args = process.argv.slice(2);
let program;
try {
  program = loadBundle(cacheName(args));
} catch (err) {
  // Not built (a checkout without `npm install`) or unreadable: one line, as every other error.
  if (!err || !['ENOENT', 'EACCES', 'EISDIR'].includes(err.code)) throw err;
  process.stderr.write(`paperterm: cannot read ${BUNDLE} (${err.code}): run \`npm install\` or \`npm run build\` in ${dirname(__dirname)}\n`);
  process.exit(70);
}
program.run(args);
