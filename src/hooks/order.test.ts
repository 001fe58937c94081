import { describe, expect, it } from 'vitest';
import { hooksFor, shouldDelete, sortHooks, type HookEvent } from './order.ts';

const hook = (name: string, weight: number, events: HookEvent[] = ['pre-upgrade'], kind = 'Job') => ({ name, weight, events, kind });

describe('sortHooks', () => {
  it('orders by weight ascending, negative weights first', () => {
    const sorted = sortHooks([hook('b', 10), hook('a', 0), hook('c', -5)]);
    expect(sorted.map((h) => h.name)).toEqual(['c', 'a', 'b']);
  });

  it('breaks weight ties by name, not by kind (Helm code order)', () => {
    const sorted = sortHooks([hook('zeta', 1, undefined, 'ConfigMap'), hook('alpha', 1, undefined, 'Job')]);
    expect(sorted.map((h) => h.name)).toEqual(['alpha', 'zeta']);
  });

  it('keeps input order when weight and name are equal (stable)', () => {
    const sorted = sortHooks([hook('same', 0, undefined, 'ServiceAccount'), hook('same', 0, undefined, 'ConfigMap'), hook('same', 0, undefined, 'Job')]);
    expect(sorted.map((h) => h.kind)).toEqual(['ServiceAccount', 'ConfigMap', 'Job']);
  });

  it('does not mutate its input', () => {
    const input = [hook('b', 1), hook('a', 0)];
    sortHooks(input);
    expect(input.map((h) => h.name)).toEqual(['b', 'a']);
  });
});

describe('hooksFor', () => {
  it('selects the event and orders: lab A v4 scripts ConfigMap before the check Job', () => {
    const hooks = [
      hook('todo-list-db-check', 10, ['pre-upgrade'], 'Job'),
      hook('todo-list-db-test', 0, ['test'], 'Job'),
      hook('todo-list-db-check-scripts', 1, ['pre-upgrade', 'pre-install'], 'ConfigMap'),
    ];
    expect(hooksFor('pre-upgrade', hooks).map((h) => h.name)).toEqual(['todo-list-db-check-scripts', 'todo-list-db-check']);
    expect(hooksFor('test', hooks).map((h) => h.name)).toEqual(['todo-list-db-test']);
    expect(hooksFor('post-delete', hooks)).toEqual([]);
  });
});

describe('shouldDelete', () => {
  it('defaults to before-hook-creation', () => {
    expect(shouldDelete([], 'before-creation')).toBe(true);
    expect(shouldDelete(undefined, 'before-creation')).toBe(true);
    expect(shouldDelete([], 'succeeded')).toBe(false);
    expect(shouldDelete([], 'failed')).toBe(false);
  });

  it('follows each declared policy, and only those', () => {
    expect(shouldDelete(['hook-succeeded'], 'succeeded')).toBe(true);
    expect(shouldDelete(['hook-succeeded'], 'failed')).toBe(false);
    expect(shouldDelete(['hook-succeeded'], 'before-creation')).toBe(false);
    expect(shouldDelete(['hook-failed', 'before-hook-creation'], 'failed')).toBe(true);
    expect(shouldDelete(['hook-failed', 'before-hook-creation'], 'before-creation')).toBe(true);
    expect(shouldDelete(['hook-failed', 'before-hook-creation'], 'succeeded')).toBe(false);
  });
});
