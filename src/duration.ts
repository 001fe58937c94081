// The one way hull prints a length of time, in waits, diagnoses, hooks, locks and progress lines.

/**
 * "0.4s", "3.1s", "30s", "2m", "5m30s", "1h2m": tenths while they matter (under 10 s), whole
 * seconds after, then minutes. Negative lengths (clock skew) print as 0.
 */
export function formatDuration(ms: number): string {
  const t = Math.max(0, ms);
  if (t < 9950) return `${(t / 1000).toFixed(1)}s`;
  const s = Math.round(t / 1000);
  if (s < 120) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}`;
  const m = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)}h${m ? `${m}m` : ''}`;
}
