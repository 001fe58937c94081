import { describe, expect, it } from 'vitest';
import { parseHook, sortHooks } from './hooks.ts';
import { installOrder, joinManifests, manifestDocuments, uninstallOrder } from './order.ts';
import { collectManifests, helmSplitDocuments, splitDocuments, splitManifests } from './split.ts';
import type { Manifest } from './types.ts';

const doc = (kind: string, name: string, extra = '') => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${extra}`;
const m = (kind: string, name: string): Manifest => ({ name: `c/templates/${name}.yaml`, content: doc(kind, name), object: { apiVersion: 'v1', kind, metadata: { name } } });

describe('splitting rendered text', () => {
  it('splits on --- lines, drops empty and comment-only documents, keeps start lines', () => {
    const docs = splitDocuments(`# header only\n---\n${doc('A', 'a')}\n---\n\n---\n# just a comment\n---\n\n${doc('B', 'b')}`);
    expect(docs.map((d) => [d.line, d.content.split('\n')[1]])).toEqual([[3, 'kind: A'], [14, 'kind: B']]);
  });
  it('validates apiVersion, kind and metadata.name, naming the template and line', () => {
    const r = collectManifests([{ name: 'c/templates/x.yaml', content: `${doc('A', 'a')}\n---\nkind: B\nmetadata: {}\n---\n- a list\n` }]);
    expect(r.problems).toEqual([
      'c/templates/x.yaml:7: apiVersion is missing',
      'c/templates/x.yaml:7: metadata.name is missing',
      'c/templates/x.yaml:10: a document must be a mapping (a Kubernetes object), got a list',
    ]);
  });
  it('reports YAML errors at the line of the rendered output', () => {
    expect(() => splitManifests([{ name: 'c/templates/x.yaml', content: `${doc('A', 'a')}\n---\n${doc('B', 'b', 'data:\n  k: 1\n  k: 2\n')}` }])).toThrow(/c\/templates\/x\.yaml:13: Map keys must be unique/);
  });
  it('rejects non-string labels and duplicates of kind/namespace/name', () => {
    const r = collectManifests([
      { name: 'c/templates/a.yaml', content: doc('ConfigMap', 'x', '  labels:\n    n: 1\n') },
      { name: 'c/templates/b.yaml', content: `${doc('Secret', 's')}\n---\n${doc('Secret', 's')}\n---\n${doc('Secret', 's', '  namespace: other\n')}` },
    ], 'default');
    expect(r.problems).toEqual([
      'c/templates/a.yaml:1: metadata.labels.n must be a string, got 1 (quote it)',
      'c/templates/b.yaml:7: Secret "s" is defined twice (first in c/templates/b.yaml:1)',
    ]);
    expect(r.manifests).toHaveLength(2);
  });
  it('separates hooks from plain resources', () => {
    const hook = doc('Job', 'j', '  annotations:\n    helm.sh/hook: pre-upgrade,pre-install\n    helm.sh/hook-weight: "-5"\n');
    const { manifests, hooks } = splitManifests([{ name: 'c/templates/a.yaml', content: `${doc('ConfigMap', 'cm')}\n---\n${hook}` }]);
    expect(manifests.map((x) => x.object.kind)).toEqual(['ConfigMap']);
    expect(hooks).toMatchObject([{ events: ['pre-upgrade', 'pre-install'], weight: -5, deletePolicies: ['before-hook-creation'] }]);
  });
});

describe('hook annotations', () => {
  const hook = (ann: Record<string, string>) => parseHook({ ...m('Job', 'j'), object: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', annotations: ann } } });
  it('parses events, weight and delete policies', () => {
    expect(hook({ 'helm.sh/hook': 'test-success', 'helm.sh/hook-delete-policy': 'hook-succeeded, hook-failed' })).toMatchObject({ events: ['test'], weight: 0, deletePolicies: ['hook-succeeded', 'hook-failed'] });
    expect(hook({})).toBeUndefined();
  });
  it('rejects unknown events, bad weights and unknown policies, naming the template', () => {
    expect(() => hook({ 'helm.sh/hook': 'pre-instal' })).toThrow(/c\/templates\/j\.yaml: Job\/j: unknown hook event "pre-instal"/);
    expect(() => hook({ 'helm.sh/hook': 'test', 'helm.sh/hook-weight': 'high' })).toThrow(/hook-weight "high" is not an integer/);
    expect(() => hook({ 'helm.sh/hook': 'test', 'helm.sh/hook-weight': '1.5' })).toThrow(/not an integer/);
    expect(() => hook({ 'helm.sh/hook': 'test', 'helm.sh/hook-delete-policy': 'never' })).toThrow(/unknown helm\.sh\/hook-delete-policy "never"/);
    expect(() => hook({ 'helm.sh/hook': ' , ' })).toThrow(/names no event/);
  });
  it('sorts hooks by weight, then name', () => {
    const h = (name: string, weight: number) => ({ ...m('Job', name), events: ['test' as const], weight, deletePolicies: [] });
    expect(sortHooks([h('b', 10), h('z', 1), h('a', 10)]).map((x) => x.object.metadata.name)).toEqual(['z', 'a', 'b']);
  });
});

describe('kind order', () => {
  const all = [m('Deployment', 'd'), m('Widget', 'w'), m('Service', 's'), m('Gadget', 'g'), m('Namespace', 'n'), m('Secret', 's1'), m('ConfigMap', 'c'), m('Secret', 's2')];
  it('installs in Helm order, unknown kinds last by name, stable within a kind', () => {
    expect(installOrder(all).map((x) => x.object.metadata.name)).toEqual(['n', 's1', 's2', 'c', 's', 'd', 'g', 'w']);
  });
  it('uninstalls in exactly the reverse order', () => {
    expect(uninstallOrder(all).map((x) => x.object.metadata.name)).toEqual(['w', 'g', 'd', 's', 'c', 's2', 's1', 'n']);
  });
  it('joins manifests in Helm\'s stored format', () => {
    expect(joinManifests([m('A', 'a'), m('B', 'b')])).toBe(`---\n# Source: c/templates/a.yaml\n${doc('A', 'a')}\n---\n# Source: c/templates/b.yaml\n${doc('B', 'b')}\n`);
  });
});

describe('Helm\'s split (Go-template charts)', () => {
  it('trims documents, keeps comment-only ones and the rest of a "---" line, with start lines', () => {
    const text = '\n\n  # leading comment\n---\n' + doc('A', 'a') + '\n--- # trailing\n' + doc('B', 'b') + '\n---\n\n---\n# only a comment\n';
    expect(helmSplitDocuments(text)).toEqual([
      { content: '# leading comment', line: 3 },
      { content: doc('A', 'a').trimEnd(), line: 5 },
      { content: `# trailing\n${doc('B', 'b').trimEnd()}`, line: 10 },
      // The first separator took the blank line the second one needed: Helm keeps this "---".
      { content: '---\n# only a comment', line: 18 },
    ]);
  });
  it('collects in path order, comment-only documents aside, and manifestDocuments places them as Helm sorts kind ""', () => {
    const r = collectManifests([
      { name: 'c/templates/z.yaml', content: `${doc('Widget', 'w')}\n---\n# nothing here\n` },
      { name: 'c/templates/a.yaml', content: `${doc('Service', 's')}` },
    ], 'default', true);
    expect(r.problems).toEqual([]);
    expect(r.comments).toEqual([{ name: 'c/templates/z.yaml', content: '# nothing here' }]);
    const docs = manifestDocuments({ manifests: installOrder(r.manifests), comments: r.comments });
    expect(docs.map((d) => d.content.split('\n').find((l) => l.startsWith('kind:') || l.startsWith('#')))).toEqual(['kind: Service', '# nothing here', 'kind: Widget']);
  });
});
