// Flags shared by install, upgrade and rollback, with Helm's names and value syntax.
import { Option, type Command } from 'commander';
import { HullError } from '../errors.ts';
import { DEFAULT_HISTORY_MAX } from '../storage/history.ts';
import { intOption } from './common.ts';

/** Go durations as Helm takes them ("5m0s", "30s", "1h") and plain seconds ("300"). */
export function parseDuration(v: string): number {
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = '';
  for (const m of v.matchAll(re)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms']!;
    consumed += m[0];
  }
  if (consumed !== v || v === '') throw new HullError('USAGE', `invalid duration "${v}": use e.g. 30s, 5m0s or 1h`);
  return total;
}

function parseBool(name: string) {
  return (v: string): boolean => {
    if (v === 'true') return true;
    if (v === 'false') return false;
    throw new HullError('USAGE', `${name} takes true or false, got "${v}"`);
  };
}

export function deployFlags(cmd: Command, opts: { atomic?: boolean } = { atomic: true }): Command {
  cmd
    .addOption(new Option('--wait [bool]', 'wait until resources are ready (on by default; --wait=false to skip)').argParser(parseBool('--wait')).default(true))
    .option('--no-wait', 'do not wait for resources to be ready')
    .option('--wait-for-load-balancers', 'also wait until LoadBalancer Services have an ingress address')
    .option('--timeout <duration>', 'time to wait for each hook and for readiness', parseDuration, 300_000)
    .option('--no-hooks', 'do not run hooks')
    .option('--take-ownership', 'adopt existing resources that belong to no release or another one')
    .option('--cleanup-on-fail', 'delete the resources a failed operation created')
    .option('--history-max <n>', 'revisions to keep per release (0: no limit)', intOption('--history-max'), DEFAULT_HISTORY_MAX);
  if (opts.atomic) {
    cmd
      .option('--atomic', 'roll back (or uninstall a first install) when the operation fails')
      .option('--rollback-on-failure', 'alias of --atomic');
  }
  return cmd;
}

export function dryRunOption(): Option {
  return new Option('--dry-run [mode]', 'client: print the plan without contacting the cluster; server: have the API server validate every object')
    .choices(['client', 'server', 'none'])
    .preset('client');
}
