import pkg from '../package.json' with { type: 'json' };

export const VERSION = `v${pkg.version}`;

// Set by scripts/build.mjs (esbuild's define); absent when the sources run directly (tests).
declare const __HULL_gitCommit__: string | undefined;
declare const __HULL_gitTreeState__: string | undefined;

/** The commit dist/ was built from, and whether the tree had changes ("clean" / "dirty"). */
export const BUILD = {
  gitCommit: typeof __HULL_gitCommit__ === 'undefined' ? '' : __HULL_gitCommit__,
  gitTreeState: typeof __HULL_gitTreeState__ === 'undefined' ? '' : __HULL_gitTreeState__,
};
