import pkg from '../package.json' with { type: 'json' };

export const VERSION = `v${pkg.version}`;

// Set by scripts/build.mjs (esbuild's define); absent when the sources run directly (tests).
declare const __HULL_BUILD__: { gitCommit: string; gitTreeState: string } | undefined;

/** The commit dist/ was built from, and whether the tree had changes ("clean" / "dirty"). */
export const BUILD = typeof __HULL_BUILD__ === 'undefined' ? { gitCommit: '', gitTreeState: '' } : __HULL_BUILD__;
