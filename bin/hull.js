#!/usr/bin/env node
// The published entry point: the bundled CLI lives in dist/ (built by `npm run build`, which
// `npm ci` runs through the prepare script).
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

// V8's compiled code for the bundle is kept on disk (Node >= 22.1), so runs after the first skip
// most of parsing and compiling it. Node checks the source hash, so a rebuilt bundle is recompiled.
// A cache that cannot be written (read-only home, no home) only costs that speed-up.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off; NODE_COMPILE_CACHE=dir puts it elsewhere.
try {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE || join(base, 'hull', 'compile-cache'));
} catch {
  // no cache
}

// A dynamic import: a static one would load the bundle before the cache is enabled.
await import('../dist/main.js');
