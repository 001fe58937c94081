// Kubernetes rejects a Secret whose data values add up to more than 1 MiB (MaxSecretSize in the
// API server's validation), and Helm only finds out when the create call fails, after resources
// were applied (helm/helm#6711). Hull measures the encoded revision first and explains what is big.
import { HullError } from '../errors.ts';
import type { Release } from '../release/types.ts';
import { encodeRelease } from './codec.ts';
import { stringifyJson } from '../json.ts';

export const MAX_SECRET_DATA_BYTES = 1024 * 1024;

/** Bytes of the Secret's data.release value: the codec string (the API's own base64 is transport only). */
export function encodedSize(encoded: string): number {
  return Buffer.byteLength(encoded, 'utf8');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

/** The largest uncompressed parts of a release, to tell the user what to trim. */
export function largestParts(rel: Release, count = 3): Array<{ part: string; bytes: number }> {
  const b64 = (s: string | null | undefined) => Math.floor(((s ?? '').length * 3) / 4);
  const parts: Array<{ part: string; bytes: number }> = [
    { part: 'rendered manifest', bytes: Buffer.byteLength(rel.manifest ?? '') },
    { part: 'user values', bytes: Buffer.byteLength(stringifyJson(rel.config ?? {})) },
    { part: 'chart values', bytes: Buffer.byteLength(stringifyJson(rel.chart?.values ?? {})) },
    { part: 'hooks', bytes: (rel.hooks ?? []).reduce((n, h) => n + Buffer.byteLength(h.manifest ?? ''), 0) },
    ...(rel.chart?.templates ?? []).map((f) => ({ part: `chart template ${f.name}`, bytes: b64(f.data) })),
    ...(rel.chart?.files ?? []).map((f) => ({ part: `chart file ${f.name}`, bytes: b64(f.data) })),
  ];
  return parts.sort((a, b) => b.bytes - a.bytes).slice(0, count);
}

/**
 * Encodes the revision and throws RELEASE_TOO_LARGE when it cannot be stored. Returns the encoded
 * body so a driver does not compress twice. Call it before applying anything.
 */
export function assertFitsInSecret(rel: Release, limit = MAX_SECRET_DATA_BYTES): string {
  const encoded = encodeRelease(rel);
  const bytes = encodedSize(encoded);
  if (bytes <= limit) return encoded;
  const parts = largestParts(rel)
    .map((p) => `${p.part} ${formatBytes(p.bytes)}`)
    .join(', ');
  throw new HullError(
    'RELEASE_TOO_LARGE',
    `release "${rel.name}" revision ${rel.version} is ${formatBytes(bytes)} once compressed and encoded, ` +
      `over the ${formatBytes(limit)} Kubernetes allows in a Secret; nothing was applied. ` +
      `Largest parts before compression: ${parts}. ` +
      `Hint: keep large files out of the chart (list them in .helmignore) and ship big data in images or ` +
      `ConfigMaps managed outside the release.`,
  );
}
