// The list of differences kept on purpose stays honest: every id in docs/helm-differences.md is
// shown by a case of the harness (which also checks that the case still differs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownDifferences } from './tools.ts';

describe('docs/helm-differences.md', () => {
  it('lists only differences that a harness case shows', () => {
    const cases = ['offline.test.ts', 'releases.test.ts'].map((f) => readFileSync(join(import.meta.dirname, f), 'utf8')).join('\n');
    const unused = [...knownDifferences().keys()].filter((id) => !cases.includes(`'${id}'`) && !cases.includes(`\`${id}\``));
    expect(unused).toEqual([]);
    expect(knownDifferences().size).toBeGreaterThan(0);
  });
});
