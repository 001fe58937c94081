// Bounds on what one render may do, so a template that calls itself or multiplies loops stops with
// a sentence naming the template instead of "Maximum call stack size exceeded" or a 2 GB heap.
// Shared wording: "nested deeper than N levels" with a short call chain, and an output limit.
import { parseSize } from '../units.ts';

export { parseSize };

export interface RenderLimits {
  /** include/tpl calls nested inside each other. */
  maxDepth: number;
  /** Characters one template may produce (also bounds each loop's and helper's result). */
  maxOutput: number;
}

export const DEFAULT_LIMITS: RenderLimits = {
  // Real charts nest includes a handful of levels; a loop reaches any limit at once.
  maxDepth: 100,
  // A release Secret holds at most 1 MiB of gzipped manifests (~10 MiB of YAML), so more than
  // 16 MiB could not be installed anyway. Measured: a runaway loop hits it in ~2.5 s and <0.5 GB
  // (the interpreter makes ~4M loop iterations a second).
  maxOutput: 16 * 1024 * 1024,
};

/** Widths in indent, nindent, trunc and printf: beyond this it is a mistake, not a layout. */
export const MAX_WIDTH = 100_000;

/** Environment variable overriding maxOutput ("128Mi", "200M", "1000000"). */
export const OUTPUT_LIMIT_ENV = 'HULL_MAX_RENDER_OUTPUT';

export function formatSize(n: number): string {
  if (n % 1024 ** 2 === 0) return `${n / 1024 ** 2} MiB`;
  if (n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} characters`;
}

/** Limits from the environment, for the CLI (render code itself never reads the environment). */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): RenderLimits {
  const raw = env[OUTPUT_LIMIT_ENV];
  return { ...DEFAULT_LIMITS, maxOutput: raw ? parseSize(raw, OUTPUT_LIMIT_ENV) : DEFAULT_LIMITS.maxOutput };
}

/** "a.yaml → loop → loop → … → loop": the first three calls and the last, so a loop is obvious. */
export function shortChain(chain: readonly string[]): string {
  if (chain.length <= 5) return chain.join(' → ');
  return [...chain.slice(0, 3), `… (${chain.length - 4} more)`, chain[chain.length - 1]].join(' → ');
}

export function depthMessage(call: string, limit: number, chain: readonly string[]): string {
  return `${call}: nested deeper than ${limit} levels (${shortChain(chain)}): a template that calls itself?`;
}

export function outputMessage(what: string, limit: number): string {
  return `${what}: output larger than ${formatSize(limit)} (a loop multiplying output?); raise the limit with ${OUTPUT_LIMIT_ENV}=<size> if this chart really needs it`;
}
