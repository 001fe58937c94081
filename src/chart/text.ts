// Text files hull reads (Chart.yaml, values, templates, schemas) must be UTF-8. Node's default
// decoding turns a bad byte into U+FFFD without a word, so a Latin-1 values file would quietly
// change what gets deployed; Helm's YAML parser refuses such files, and so do we, naming the line.
import { isUtf8 } from 'node:buffer';
import { HullError, type ErrorCode } from '../errors.ts';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeUtf8(data: Uint8Array, file: string, code: ErrorCode): string {
  try {
    return strict.decode(data);
  } catch {
    throw new HullError(code, `${file}:${badLine(data)}: not valid UTF-8 (save the file as UTF-8, or use b64enc/--set-file for binary data)`);
  }
}

/** For files kept as bytes and decoded later (templates, crds/): the check alone, native and fast. */
export function assertUtf8(data: Uint8Array, file: string, code: ErrorCode): void {
  if (!isUtf8(data)) decodeUtf8(data, file, code);
}

/** The 1-based line of the first invalid byte: lines split on 0x0A, which never occurs inside a multi-byte sequence. */
function badLine(data: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= data.length; i++) {
    if (i === data.length || data[i] === 0x0a) {
      try {
        strict.decode(data.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
