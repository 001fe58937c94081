// Shared plumbing for command files: global flags -> Configuration, and output formats.
import { Option, type Command } from 'commander';
import { stringify } from 'yaml';
import { newConfiguration, type Configuration } from '../config.ts';
import { HullError } from '../errors.ts';
import { stringifyJson } from '../json.ts';

interface GlobalFlags {
  namespace?: string;
  kubeContext?: string;
  kubeconfig?: string;
  debug?: boolean;
}

// In a module of its own so that main.ts can handle signals without loading this one's imports.
export { handlesInterruption, interruption, stopsCleanly } from './interrupt.ts';
import { interruption } from './interrupt.ts';

/** Builds the Configuration from the global flags visible to `cmd`. */
/**
 * -n must be a namespace name (a DNS-1123 label): checked before any kubeconfig is read, instead
 * of the API server's 404 or 422 after a lock attempt.
 */
export function checkNamespace(ns: string | undefined): void {
  if (ns === undefined) return;
  if (ns.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns)) {
    throw new HullError('USAGE', `-n/--namespace "${ns}" is not a namespace name: lower case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters`);
  }
}

export function configFrom(cmd: Command): Configuration {
  const g = cmd.optsWithGlobals() as GlobalFlags;
  checkNamespace(g.namespace);
  return newConfiguration({
    namespace: g.namespace,
    kubeContext: g.kubeContext,
    kubeconfig: g.kubeconfig ?? process.env.KUBECONFIG,
    debug: Boolean(g.debug ?? process.env.HULL_DEBUG),
  }, undefined, interruption.signal);
}

export type OutputFormat = 'table' | 'json' | 'yaml';

export function outputFormat(value: string | undefined): OutputFormat {
  const v = value ?? 'table';
  if (v === 'table' || v === 'json' || v === 'yaml') return v;
  throw new HullError('USAGE', `invalid output format "${v}": use table, json or yaml`);
}

/**
 * The one -o/--output flag of every command that reports something: `table` is the command's own
 * text (a table, Helm's summary, a plan), json and yaml the same data with the field names
 * docs/output.md lists.
 */
export function outputOption(): Option {
  return new Option('-o, --output <format>', 'table, json or yaml').default('table').argParser(outputFormat);
}

/** Prints structured data as JSON or YAML; tables are each command's own business. */
export function printData(format: 'json' | 'yaml', data: unknown): void {
  process.stdout.write(format === 'json' ? `${stringifyJson(data)}\n` : stringify(data));
}

/**
 * Helm's list and history tables (gosuri/uitable): every cell padded to its column's width, the
 * last one too, and columns separated by a tab. `headers: false` is list --no-headers.
 */
export function table(header: string[], rows: string[][], opts: { headers?: boolean } = {}): string {
  const all = opts.headers === false ? rows : [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => header.map((_, i) => (r[i] ?? '').padEnd(widths[i])).join('\t')).join('\n') + '\n';
}

/** A whole-number flag: digits only (no "", "0x10" or "1e3"), at least `min`, and exact in a double. */
export function intOption(name: string, min = 0) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^[-+]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new HullError('USAGE', `${name} must be a whole number, got "${value}"`);
    if (n < min) throw new HullError('USAGE', `${name} must be ${min === 0 ? '0 or more' : `at least ${min}`}, got ${n}`);
    return n;
  };
}

