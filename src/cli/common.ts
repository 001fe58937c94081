// Shared plumbing for command files: global flags -> Configuration, and output formats.
import type { Command } from 'commander';
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

/** Aborted by main.ts on SIGINT/SIGTERM; every Configuration carries its signal. */
export const interruption = new AbortController();

let stoppable = false;
/** Commands that stop cleanly on the signal (record a failure, roll back) call this first. */
export function stopsCleanly(): void {
  stoppable = true;
}
/** Whether the running command handles the interruption itself; main.ts exits at once otherwise. */
export const handlesInterruption = () => stoppable;

/** Builds the Configuration from the global flags visible to `cmd`. */
export function configFrom(cmd: Command): Configuration {
  const g = cmd.optsWithGlobals() as GlobalFlags;
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

/** Prints structured data as JSON or YAML; tables are each command's own business. */
export function printData(format: 'json' | 'yaml', data: unknown): void {
  process.stdout.write(format === 'json' ? `${stringifyJson(data)}\n` : stringify(data));
}

/** Left-aligned columns separated by a tab and padding, as Helm's tables are. */
export function table(header: string[], rows: string[][], opts: { headers?: boolean } = {}): string {
  const all = opts.headers === false ? rows : [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  // As Helm's uitable: every cell, the last one too, padded to its column's width.
  return all.map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i])).join('\t')).join('\n') + '\n';
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

/** A copy with every map's keys in sorted order, as Go prints maps (JSON and YAML alike). */
export function sortedKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortedKeys) as T;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedKeys((v as Record<string, unknown>)[k])])) as T;
  }
  return v;
}
