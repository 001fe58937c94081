import { describe, expect, it } from 'vitest';
import { shouldDelete } from './order.ts';

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
