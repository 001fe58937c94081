#!/usr/bin/env node
// The published entry point: the bundled CLI lives in dist/ (built by `npm run build`; `npm ci`
// runs it through the prepare script, `npm pack` through prepack).
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

// The oldest Node hull runs on, as package.json's "engines" says (a test keeps the two equal).
// undici 8 sets it: it declares 22.19, and below 22.15 it cannot even load (no zstd in node:zlib),
// so every command that talks to a cluster would fail. Better to say so before anything runs.
const FLOOR = [22, 19];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < FLOOR[0] || (major === FLOOR[0] && minor < FLOOR[1])) {
  process.stderr.write(`Error: hull needs Node.js ${FLOOR.join('.')} or newer; this is Node.js ${process.version} (${process.execPath})\n`);
  process.exitCode = 1;
} else {
  await run();
}

// V8's compiled code for the bundle is kept on disk (Node >= 22.1), so runs after the first skip
// most of parsing and compiling it. Node checks the source hash, so a rebuilt bundle is recompiled.
// A cache that cannot be written (read-only home, no home) only costs that speed-up.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off; NODE_COMPILE_CACHE=dir puts it elsewhere.
async function run() {
  try {
    const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE || join(base, 'hull', 'compile-cache'));
  } catch {
    // no cache
  }
  // A dynamic import: a static one would load the bundle before the cache is enabled.
  await import('../dist/main.js');
}
