// What both builds share: the esbuild plugins and settings that put every dependency inside the
// bundle, the build info `hull version` prints, the licences of what is bundled, and the check that
// nothing is left to load from node_modules. scripts/build.mjs makes dist/ (the npm package),
// scripts/build-exe.mjs the single executable.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

/** What `hull version` reports about the source it was built from, as Helm's ldflags do. */
export function buildInfo() {
  const git = (args) => {
    try {
      return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined; // not a checkout (a source tarball) or no git
    }
  };
  // HULL_GIT_COMMIT / HULL_GIT_TREE_STATE: for builds from a copy of the tree without .git.
  const gitCommit = process.env.HULL_GIT_COMMIT ?? git(['rev-parse', 'HEAD']) ?? '';
  let gitTreeState = process.env.HULL_GIT_TREE_STATE ?? '';
  if (!gitTreeState && gitCommit) gitTreeState = git(['status', '--porcelain']) ? 'dirty' : 'clean';
  return { gitCommit, gitTreeState };
}

// `createRequire(import.meta.url)('pkg')` loads a package lazily and synchronously, which esbuild
// does not follow: rewritten to `require('pkg')`, the package is bundled (as a CommonJS module that
// is only evaluated on that first call) instead of being looked up in node_modules at run time.
export const bundleLazyRequires = {
  name: 'bundle-lazy-requires',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('createRequire(import.meta.url)(')) return undefined;
      return { contents: source.replaceAll('createRequire(import.meta.url)(', 'require('), loader: 'ts' };
    });
  },
};

// An ESM import of a Node built-in makes Node read every export of it, and reading node:http's
// WebSocket/MessageEvent/CloseEvent getters loads Node's own copy of undici: about 20 ms of CPU at
// each start of a command that talks to a cluster (client-node imports node:https). A require()
// reads only what the code uses, so every built-in goes through the bundle's require().
export const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    const builtin = new RegExp(`^(node:)?(${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})$`);
    b.onResolve({ filter: builtin }, (args) => {
      if (args.kind !== 'import-statement' && args.kind !== 'dynamic-import') return { path: args.path, external: true };
      return { path: args.path, namespace: 'builtin-by-require' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin-by-require' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

// The parts of @kubernetes/client-node and undici that hull uses, instead of their index modules,
// which evaluate everything they have (every API class and model, mocks, caches, WebSocket, ...):
// the client chunk goes from 2.8 MB to 1.4 MB, evaluated by every command that talks to a cluster.
// A new import from either package that is not listed here fails the build ("No matching export"):
// add it to the list.
const CLIENT_NODE = {
  '@kubernetes/client-node/dist/config.js': ['KubeConfig'],
  '@kubernetes/client-node/dist/watch.js': ['Watch'],
  '@kubernetes/client-node/dist/gen/http/http.js': ['HttpMethod', 'RequestContext'],
};
// What KubeConfig imports for kubeconfigs that use them, evaluated on their first use instead of at
// every start (about 11 ms of CPU, measured by importing the client chunk with and without them):
// the OIDC, Azure and GCP auth providers (a user whose auth-provider has that name; the name test is
// theirs, copied) and the SOCKS and HTTP(S) proxy agents (a cluster with proxy-url). Inside the
// bundle, require() of a bundled module runs its code on that call.
const CN_DIST = '@kubernetes/client-node/dist';
const authProvider = (cls, file, name) =>
  `export class ${cls} {\n` +
  `  isAuthProvider(user) { return Boolean(user?.authProvider) && user.authProvider.name === '${name}'; }\n` +
  `  applyAuthentication(user, opts) { return (this.real ??= new (require('${CN_DIST}/${file}').${cls})()).applyAuthentication(user, opts); }\n}`;
const lazyClass = (pkg, cls) => `export class ${cls} { constructor(...args) { return new (require('${pkg}').${cls})(...args); } }`;
const CONFIG_LAZY = {
  './azure_auth.js': authProvider('AzureAuth', 'azure_auth.js', 'azure'),
  './gcp_auth.js': authProvider('GoogleCloudPlatformAuth', 'gcp_auth.js', 'gcp'),
  './oidc_auth.js': authProvider('OpenIDConnectAuth', 'oidc_auth.js', 'oidc'),
  'socks-proxy-agent': lazyClass('socks-proxy-agent', 'SocksProxyAgent'),
  socks: "export const SocksClient = { createConnection: (...args) => require('socks').SocksClient.createConnection(...args) };",
  hpagent: `${lazyClass('hpagent', 'HttpProxyAgent')}\n${lazyClass('hpagent', 'HttpsProxyAgent')}`,
};

export const slimClient = {
  name: 'slim-client',
  setup(b) {
    const virtual = (path) => ({ path, namespace: 'slim-client' });
    const fromConfig = (args) => /client-node[\\/]dist[\\/]config\.js$/.test(args.importer);
    // hull's own imports of the package root.
    b.onResolve({ filter: /^@kubernetes\/client-node$/ }, (args) => (args.importer.includes('node_modules') ? undefined : virtual('client-node')));
    // KubeConfig imports the generated API's index for two names.
    b.onResolve({ filter: /^\.\/gen\/index\.js$/ }, (args) => (fromConfig(args) ? virtual('client-node-gen') : undefined));
    b.onResolve({ filter: /^(\.\/(azure|gcp|oidc)_auth\.js|socks-proxy-agent|socks|hpagent)$/ }, (args) => (fromConfig(args) ? virtual(args.path) : undefined));
    b.onResolve({ filter: /^undici$/ }, () => virtual('undici'));
    const contents = {
      ...CONFIG_LAZY,
      'client-node': Object.entries(CLIENT_NODE).map(([file, names]) => `export { ${names.join(', ')} } from '${file}';`).join('\n'),
      'client-node-gen': `export { createConfiguration } from '${CN_DIST}/gen/configuration.js';\nexport { ServerConfiguration } from '${CN_DIST}/gen/servers.js';`,
      // What undici's index.js does for these three (its fetch only adds the caller to stack traces).
      undici: "module.exports = { fetch: require('undici/lib/web/fetch/index.js').fetch, Agent: require('undici/lib/dispatcher/agent.js'), ProxyAgent: require('undici/lib/dispatcher/proxy-agent.js') };",
    };
    b.onLoad({ filter: /.*/, namespace: 'slim-client' }, (args) => ({ contents: contents[args.path], loader: 'js', resolveDir: process.cwd() }));
  },
};

/** The licence of every package bundled into dist/, as their licences ask when redistributing. */
export function writeLicenses(metafile, file) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]);
  }
  const sections = [...dirs].sort().map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\..*)?$/i.test(f));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`;
    return `${pkg.name}@${pkg.version} (${pkg.license ?? 'unknown'})\n\n${text}\n`;
  });
  const names = [...new Set(sections.map((s) => s.slice(0, s.indexOf('@', 1))))];
  writeFileSync(
    file,
    `hull bundles the following ${names.length} packages.\n\n${sections.join(`\n${'-'.repeat(80)}\n\n`)}`,
  );
}

/** esbuild's define for the build info. Two strings, not one object: esbuild inlines a string, but
 * shares an object through an init call it adds to every module. */
export function buildInfoDefine() {
  return Object.fromEntries(Object.entries(buildInfo()).map(([k, v]) => [`__HULL_${k}__`, JSON.stringify(v)]));
}

// Optional native add-ons that ws and debug try inside a try block: absent is fine.
const OPTIONAL = new Set(['bufferutil', 'utf-8-validate', 'supports-color']);

/** Fails the build if the bundle would still load anything but Node's built-ins from node_modules. */
export function checkSelfContained(metafile) {
  const external = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports) {
      if (imp.external && !imp.path.startsWith('node:') && !OPTIONAL.has(imp.path) && !builtinModules.includes(imp.path)) external.add(imp.path);
    }
  }
  if (external.size) {
    console.error(`build: the bundle still loads ${[...external].join(', ')} from node_modules`);
    process.exit(1);
  }
}
