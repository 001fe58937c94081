import { describe, expect, it } from 'vitest';
import type { KubeClient, KubeObject, WatchEvent } from '../kube/types.ts';
import { WatchSet } from './watch-set.ts';

const cm = (name: string, rv: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, resourceVersion: rv } });
const tick = () => new Promise((r) => setTimeout(r, 20));

/** A fake API whose first watch reports "410 Expired" in-band, as the server does, then closes. */
function fakeApi() {
  const calls: string[] = [];
  let watches = 0;
  let state = [cm('a', '1')];
  let emit: ((e: WatchEvent) => void) | undefined;
  const kube = {
    defaultNamespace: 'ns',
    async list() {
      calls.push('list');
      return { items: state, resourceVersion: String(10 + calls.length) };
    },
    async watch(_a: string, _k: string, _n: string | undefined, opts: { resourceVersion?: string }, onEvent: (e: WatchEvent) => void, onDone?: (err?: unknown) => void) {
      calls.push(`watch@${opts.resourceVersion}`);
      if (++watches === 1) {
        // Meanwhile "a" was deleted and "b" created; the expired watch cannot tell us.
        state = [cm('b', '20')];
        setImmediate(() => {
          onEvent({ type: 'ERROR', object: { apiVersion: 'v1', kind: 'Status', metadata: { name: '' }, code: 410 } as KubeObject });
          onDone?.(undefined);
        });
      } else {
        emit = onEvent;
      }
      return () => calls.push('stop');
    },
  } as unknown as KubeClient;
  return { kube, calls, emit: (e: WatchEvent) => emit?.(e) };
}

describe('WatchSet', () => {
  it('relists after an in-band 410, dropping objects deleted meanwhile, then follows events', async () => {
    const api = fakeApi();
    let changes = 0;
    const set = new WatchSet(api.kube, () => changes++, (e) => { throw e; });
    const key = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'ns' };
    set.add(key);
    set.add({ ...key });
    await set.start();
    expect(set.items(key).map((o) => o.metadata.name)).toEqual(['a']);
    await tick();
    expect(set.items(key).map((o) => o.metadata.name)).toEqual(['b']);
    api.emit({ type: 'MODIFIED', object: cm('b', '21') });
    api.emit({ type: 'ADDED', object: cm('c', '22') });
    expect(set.items(key).map((o) => o.metadata.name)).toEqual(['b', 'c']);
    expect(changes).toBeGreaterThanOrEqual(4);
    set.close();
    expect(api.calls).toEqual(['list', 'watch@11', 'list', 'watch@13', 'stop']);
  });
});

