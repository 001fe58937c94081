// The release body as Helm stores it (storage/driver/util.go): base64(gzip(JSON)), gzip at best
// compression to stay far from the 1 MiB Secret limit. Decoding accepts the uncompressed variant
// (base64(JSON)) that Helm still reads: it gunzips only when the gzip magic bytes are present.
import { gunzipSync, gzipSync, constants } from 'node:zlib';
import { HullError } from '../errors.ts';
import { helmOrdered } from '../release/json-order.ts';
import type { Release } from '../release/types.ts';
import { stringifyJson } from '../json.ts';

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

function hasGzipMagic(b: Buffer): boolean {
  // Helm requires more than three bytes before looking; a shorter body cannot be a gzip stream.
  return b.length > 3 && b[0] === GZIP_MAGIC[0] && b[1] === GZIP_MAGIC[1] && b[2] === GZIP_MAGIC[2];
}

/** Go's encoding/json escapes these in strings (HTML safety); they only occur inside strings. */
const GO_ESCAPED = /[<>&\u2028\u2029]/g;

/** The JSON Helm would write: custom labels live on the Secret, never in the body. */
export function releaseJSON(rel: Release): string {
  const { labels: _labels, ...body } = rel;
  // Go's omitempty: Helm writes no "hooks" key for a release without hooks.
  if (Array.isArray(body.hooks) && body.hooks.length === 0) delete body.hooks;
  return stringifyJson(helmOrdered(body as Release)).replace(GO_ESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function encodeRelease(rel: Release): string {
  const gz = gzipSync(Buffer.from(releaseJSON(rel), 'utf8'), { level: constants.Z_BEST_COMPRESSION });
  return gz.toString('base64');
}

/**
 * Decodes a stored body. `what` names the Secret in errors, because a corrupt record is something
 * the user has to find and fix by hand.
 */
export function decodeRelease(data: string, what = 'release'): Release {
  let parsed: unknown;
  try {
    let bytes = Buffer.from(data, 'base64');
    if (hasGzipMagic(bytes)) bytes = gunzipSync(bytes);
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new HullError('OPERATION_FAILED', `decode ${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HullError('OPERATION_FAILED', `decode ${what}: the body is not a JSON object`);
  }
  const rel = parsed as Release;
  // Go tolerates missing fields (zero values); give callers the same guarantees the types promise.
  rel.version ??= 0;
  rel.manifest ??= '';
  rel.info = { ...rel.info, status: rel.info?.status || 'unknown' };
  return rel;
}
