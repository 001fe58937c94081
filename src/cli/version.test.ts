import { describe, expect, it } from 'vitest';
import { buildInfoLine, shortVersion, type BuildInfo } from './version.ts';

const info: BuildInfo = { version: 'v0.1.0', git_commit: '05fa37973dc9e42b76e1d2883494c87174b6074f', git_tree_state: 'clean', node_version: 'v24.21.0' };

describe('version', () => {
  it('prints Helm\'s BuildInfo line with the Node version in place of Go\'s', () => {
    expect(buildInfoLine(info)).toBe('version.BuildInfo{Version:"v0.1.0", GitCommit:"05fa37973dc9e42b76e1d2883494c87174b6074f", GitTreeState:"clean", NodeVersion:"v24.21.0"}');
  });
  it('--short adds the short commit as Helm does, and only when the build knows it', () => {
    expect(shortVersion(info)).toBe('v0.1.0+g05fa379');
    expect(shortVersion({ ...info, git_commit: '' })).toBe('v0.1.0');
  });
});
