// Bundles the CLI with esbuild: one file to parse at start-up instead of hundreds of modules.
// @kubernetes/client-node is bundled too, but into its own chunk that only commands talking to a
// cluster import (dynamically), so `hull version`, `template` and `lint` never pay for it; bundled,
// loading it costs half the CPU of resolving its hundreds of files from node_modules.
//
// Every dependency ends up inside dist/, so the published package has no dependencies to install
// (see "files" in package.json); dist/THIRD-PARTY-LICENSES.txt carries their licences.
//
// `npm pack` runs prepack and then prepare: prepack builds, and the prepare run that follows it is
// skipped (one build per pack). `npm ci` in a checkout runs prepare alone, which builds.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { buildInfoDefine, builtinsByRequire, bundleLazyRequires, checkSelfContained, slimClient, writeLicenses } from './bundle.mjs';

if (process.env.npm_lifecycle_event === 'prepare' && ['pack', 'publish'].includes(process.env.npm_command ?? '')) {
  process.exit(0);
}

// Chunk names carry content hashes: clear old ones so dist/ holds exactly one build.
rmSync('dist', { recursive: true, force: true });

const result = await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  metafile: true,
  define: buildInfoDefine(),
  plugins: [bundleLazyRequires, builtinsByRequire, slimClient],
  // CommonJS dependencies (handlebars, commander) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __hullCreateRequire } from 'node:module'; const require = __hullCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
writeLicenses(result.metafile, 'dist/THIRD-PARTY-LICENSES.txt');
checkSelfContained(result.metafile);
