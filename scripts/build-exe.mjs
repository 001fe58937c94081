// `npm run build:exe`: hull as one executable file that runs without Node installed (for CI images),
// a Node single executable application (SEA). The CLI is bundled into one CommonJS script — a SEA
// runs one script, and its require() loads built-ins only — which goes, with V8's compiled code for
// it, into a copy of the Node binary that runs this script (the devDependency's Node 24).
//
// The file is for the platform it was built on (here linux-x64) and carries that Node version.
// Output: dist-exe/hull, and dist-exe/THIRD-PARTY-LICENSES.txt beside it (or in the directory given
// as the argument: test/e2e/exe.test.ts builds into a temp one).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { inject } from 'postject';
import { buildInfoDefine, bundleLazyRequires, checkSelfContained, slimClient, writeLicenses } from './bundle.mjs';

const OUT = process.argv[2] ?? 'dist-exe';
const started = Date.now();
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT);

// One script: each command's module and the Kubernetes client stay lazy (esbuild turns the import()
// of a bundled module into a call that evaluates it on first use), so start-up is as in dist/.
const result = await build({
  entryPoints: ['src/main.ts'],
  outfile: join(OUT, 'hull.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: `node${process.versions.node.split('.')[0]}`,
  metafile: true,
  define: buildInfoDefine(),
  plugins: [bundleLazyRequires, slimClient],
  logLevel: 'warning',
});
checkSelfContained(result.metafile);
writeLicenses(result.metafile, join(OUT, 'THIRD-PARTY-LICENSES.txt'));

// The SEA preparation blob: the script and, with useCodeCache, V8's code cache for it (start-up
// without compiling the bundle: `hull version` 88 ms -> ~75 ms wall here).
const config = join(OUT, 'sea-config.json');
const blob = join(OUT, 'hull.blob');
writeFileSync(config, JSON.stringify({ main: join(OUT, 'hull.cjs'), output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }));
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });

const exe = join(OUT, 'hull');
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
// The fuse is the constant string Node looks for to know it carries a SEA blob (from Node's docs).
await inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2' });
for (const f of [config, blob, join(OUT, 'hull.cjs')]) rmSync(f);

const mb = (statSync(exe).size / 1048576).toFixed(0);
console.log(`${exe}: ${mb} MiB, Node ${process.version} ${process.platform}-${process.arch}, built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
