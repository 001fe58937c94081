// Reads a packaged chart (.tgz) without trusting it: no absolute paths, no `..`, no links, bounded
// expansion. A small ustar/pax reader is enough for `helm package` output and avoids a dependency.
import { gunzipSync } from 'node:zlib';
import { HullError } from '../errors.ts';
import { rfc3339Nano } from '../release/time.ts';

/** Helm refuses charts that expand beyond 100 MiB; so do we (gzip bombs stop at the limit). */
export const MAX_EXPANDED_BYTES = 100 * 1024 * 1024;
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface ArchiveEntry {
  name: string;
  data: Buffer;
  /** The file's modification time as Helm 4 stores it (RFC3339Nano): mtime on disk, the header's in an archive. */
  modtime?: string;
}

function field(block: Buffer, start: number, len: number): string {
  const raw = block.subarray(start, start + len);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul === -1 ? len : nul).toString('utf8');
}

function octal(block: Buffer, start: number, len: number): number {
  const s = field(block, start, len).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

/** pax extended headers: "<len> key=value\n" records; only `path` matters to us. */
function paxPath(data: Buffer): string | undefined {
  let rest = data.toString('utf8');
  while (rest.length > 0) {
    const sp = rest.indexOf(' ');
    const len = parseInt(rest.slice(0, sp), 10);
    if (!(len > 0)) break;
    const rec = rest.slice(sp + 1, len - 1);
    rest = rest.slice(len);
    const eq = rec.indexOf('=');
    if (rec.slice(0, eq) === 'path') return rec.slice(eq + 1);
  }
  return undefined;
}

/** Checks one entry name and returns it normalised (no leading "./"). */
export function safeEntryName(name: string, archive: string): string {
  const n = name.replace(/^\.\//, '');
  if (n.startsWith('/') || /^[a-zA-Z]:/.test(n) || n.includes('\\')) {
    throw new HullError('CHART_INVALID', `${archive}: entry "${name}" has an absolute path`);
  }
  if (n.split('/').some((seg) => seg === '..')) {
    throw new HullError('CHART_INVALID', `${archive}: entry "${name}" escapes the chart with ".."`);
  }
  return n;
}

/** Returns the regular files of a gzipped tar archive, in archive order. */
export function readTgz(buf: Buffer, archive: string): ArchiveEntry[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(buf, { maxOutputLength: MAX_EXPANDED_BYTES });
  } catch (e) {
    const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger/.test((e as Error).message);
    throw new HullError('CHART_INVALID', tooBig ? `${archive}: archive expands beyond ${MAX_EXPANDED_BYTES} bytes` : `${archive}: not a gzip archive: ${(e as Error).message}`);
  }
  const entries: ArchiveEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  while (off + 512 <= tar.length) {
    const block = tar.subarray(off, off + 512);
    if (block.every((b) => b === 0)) break;
    const size = octal(block, 124, 12);
    const type = String.fromCharCode(block[156] || 48);
    const magic = field(block, 257, 6);
    const prefix = magic.startsWith('ustar') ? field(block, 345, 155) : '';
    const data = tar.subarray(off + 512, off + 512 + size);
    if (data.length < size) throw new HullError('CHART_INVALID', `${archive}: truncated archive`);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') { longName = paxPath(data); continue; }
    if (type === 'L') { longName = data.toString('utf8').replace(/\0+$/, ''); continue; }
    if (type === 'g') continue;
    const raw = longName ?? (prefix ? `${prefix}/${field(block, 0, 100)}` : field(block, 0, 100));
    longName = undefined;
    const name = safeEntryName(raw, archive);
    if (type === '5') continue;
    if (type === '1' || type === '2') throw new HullError('CHART_INVALID', `${archive}: entry "${name}" is a link; links are not allowed in packaged charts`);
    if (type !== '0' && type !== '7') throw new HullError('CHART_INVALID', `${archive}: entry "${name}" has unsupported type "${type}"`);
    if (size > MAX_FILE_BYTES) throw new HullError('CHART_INVALID', `${archive}: entry "${name}" is larger than ${MAX_FILE_BYTES} bytes`);
    entries.push({ name, data: Buffer.from(data), modtime: rfc3339Nano(new Date(octal(block, 136, 12) * 1000)) });
  }
  return entries;
}
