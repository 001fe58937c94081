import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HullError } from '../errors.ts';
import { storedFile } from '../release/chart.ts';
import type { Release } from '../release/types.ts';
import { encodeRelease } from './codec.ts';
import { assertFitsInSecret, encodedSize, formatBytes, largestParts, MAX_SECRET_DATA_BYTES } from './size.ts';

const rel = (files: Array<{ name: string; bytes: number }> = []): Release => ({
  name: 'big',
  namespace: 'ns',
  version: 3,
  info: { status: 'pending-upgrade' },
  chart: {
    metadata: { name: 'big', version: '1.0.0', apiVersion: 'v2' },
    templates: [],
    values: null,
    // Random bytes do not compress, so their size survives gzip.
    files: files.map((f) => storedFile(f.name, randomBytes(f.bytes))),
  },
  manifest: 'kind: ConfigMap\n',
});

describe('release size check', () => {
  it('returns the encoded body when it fits', () => {
    const r = rel([{ name: 'small.bin', bytes: 1000 }]);
    const encoded = assertFitsInSecret(r);
    expect(encodedSize(encoded)).toBeLessThan(MAX_SECRET_DATA_BYTES);
    expect(encoded.length).toBe(encodeRelease(r).length);
  });

  it('throws RELEASE_TOO_LARGE naming size, limit and the biggest parts', () => {
    const r = rel([
      { name: 'files/huge.bin', bytes: 900 * 1024 },
      { name: 'files/small.txt', bytes: 10 },
    ]);
    let err: unknown;
    try {
      assertFitsInSecret(r);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HullError);
    expect((err as HullError).code).toBe('RELEASE_TOO_LARGE');
    expect((err as HullError).exitCode).toBe(1);
    const msg = (err as Error).message;
    expect(msg).toMatch(/release "big" revision 3 is 1\.\d\d MiB/);
    expect(msg).toContain('over the 1.00 MiB');
    expect(msg).toContain('nothing was applied');
    expect(msg).toContain('chart file files/huge.bin 900.0 KiB');
    expect(msg).toContain('.helmignore');
  });

  it('honours a custom limit', () => {
    expect(() => assertFitsInSecret(rel(), 10)).toThrow(/over the 10 B/);
  });

  it('ranks the largest parts', () => {
    const parts = largestParts(rel([{ name: 'a', bytes: 3000 }, { name: 'b', bytes: 6000 }]), 2);
    expect(parts).toEqual([
      { part: 'chart file b', bytes: 6000 },
      { part: 'chart file a', bytes: 3000 },
    ]);
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.00 MiB');
  });
});
