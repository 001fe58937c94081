// Bundles the CLI with esbuild: one file to parse at start-up instead of hundreds of modules.
// @kubernetes/client-node is bundled too, but into its own chunk that only commands talking to a
// cluster import (dynamically), so `hull version`, `template` and `lint` never pay for it; bundled,
// loading it costs half the CPU of resolving its hundreds of files from node_modules.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry content hashes: clear old ones so dist/ holds exactly one build.
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  // CommonJS dependencies (handlebars, commander) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __hullCreateRequire } from 'node:module'; const require = __hullCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
