// Bundles the CLI with esbuild: one file to parse at start-up instead of hundreds of modules.
// @kubernetes/client-node stays external and is only imported (dynamically) by commands that
// talk to a cluster, so `hull version`, `template` and `lint` never pay for it.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  external: ['@kubernetes/client-node'],
  // CommonJS dependencies (handlebars, commander) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __hullCreateRequire } from 'node:module'; const require = __hullCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
