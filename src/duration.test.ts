import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration.ts';

describe('formatDuration', () => {
  it('tenths under 10 s, whole seconds to 2 min, then minutes and hours', () => {
    const cases: Array<[number, string]> = [
      [-5, '0.0s'], [0, '0.0s'], [400, '0.4s'], [3100, '3.1s'], [4120, '4.1s'], [9949, '9.9s'], [9950, '10s'],
      [30_000, '30s'], [65_000, '65s'], [119_600, '2m'], [125_000, '2m5s'], [300_000, '5m'], [330_000, '5m30s'],
      [3_600_000, '1h'], [3_720_000, '1h2m'],
    ];
    expect(cases.map(([ms]) => formatDuration(ms))).toEqual(cases.map(([, s]) => s));
  });
});
