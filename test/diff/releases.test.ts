// Differential harness, cluster part: the same command sequences through hull and the real Helm 4
// binary, each tool in its own namespace of the test cluster, at the same time. After every step
// both tools must agree: success or failure, exit code, Helm's error text (hull may add its cause
// after it), and what history, status, get values and list say, compared as data (times dropped,
// namespaces normalised). A step may differ only by an id listed in docs/helm-differences.md.
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { createNamespace, deleteNamespace } from '../helpers/cluster.ts';
import { stringifyJson } from '../../src/json.ts';
import { knownDifferences, parseJsonExact, runTool, twinCharts, type Outcome, type Tool } from './tools.ts';

interface Step {
  /** Arguments; "@rel" and "@rel2" are the twin charts. -n NAMESPACE is added. */
  args: string[];
  /** What is compared: the step's success and error text, or its output as JSON or as text. */
  compare: 'result' | 'json' | 'text';
  /**
   * For a failing step, what hull's first error line must start with: Helm's whole line (full), its
   * "X FAILED: " prefix (prefix: the cause is worded by each tool), or a given text both start with.
   */
  error?: 'full' | 'prefix' | { common: string };
  /** Ids of differences kept on purpose (docs/helm-differences.md) that this step shows. */
  differs?: string[];
}

interface Scenario {
  name: string;
  steps: Step[];
}

const run = (args: string[], error: Step['error'] = 'full'): Step => ({ args, compare: 'result', error });
const json = (...args: string[]): Step => ({ args: [...args, '-o', 'json'], compare: 'json' });
const text = (...args: string[]): Step => ({ args, compare: 'text' });
const pause: Step = { args: ['@sleep'], compare: 'result' };

const SCENARIOS: Scenario[] = [
  {
    name: 'values through upgrades: keep, --reuse-values, --reset-then-reuse-values, --reset-values; descriptions; rollbacks',
    steps: [
      run(['install', 'a', '@rel', '--set', 'x=1,big=9007199254740993', '--description', 'first']),
      run(['upgrade', 'a', '@rel']),
      json('get', 'values', 'a'),
      json('history', 'a'),
      run(['upgrade', 'a', '@rel2', '--reuse-values', '--set', 'y=2']),
      json('get', 'values', 'a'),
      json('get', 'values', 'a', '--all'),
      run(['upgrade', 'a', '@rel2', '--reset-then-reuse-values', '--set', 'z=3']),
      json('get', 'values', 'a', '--all'),
      run(['upgrade', 'a', '@rel2', '--reset-values']),
      json('get', 'values', 'a'),
      text('get', 'values', 'a'),
      json('get', 'values', 'a', '--all'),
      run(['upgrade', 'a', '@rel', '--set-literal', 'l=a,b', '--description', 'custom upgrade']),
      json('get', 'values', 'a', '--revision', '5'),
      json('status', 'a'),
      run(['rollback', 'a', '2']),
      run(['rollback', 'a', '99']),
      run(['rollback', 'a']),
      json('history', 'a'),
      json('history', 'a', '--max', '2'),
      json('status', 'a', '--revision', '3'),
    ],
  },
  {
    name: 'a failed install, then a successful upgrade',
    steps: [
      run(['install', 'b', '@rel', '--set', 'fail=true'], 'prefix'),
      json('history', 'b'),
      // No new values: Helm reuses the failed revision's (fail=true), so this fails too.
      run(['upgrade', 'b', '@rel'], 'prefix'),
      json('history', 'b'),
      run(['upgrade', 'b', '@rel', '--set', 'fail=false']),
      json('history', 'b'),
      json('get', 'values', 'b'),
    ],
  },
  {
    name: 'a failed upgrade, then rollback',
    steps: [
      run(['install', 'c', '@rel']),
      run(['upgrade', 'c', '@rel', '--set', 'fail=true'], 'prefix'),
      json('history', 'c'),
      run(['upgrade', 'c', '@rel2', '--set', 'fail=false']),
      json('history', 'c'),
      run(['rollback', 'c', '1']),
      json('history', 'c'),
    ],
  },
  {
    name: 'names in use and releases that do not exist',
    steps: [
      run(['install', 'd', '@rel']),
      run(['install', 'd', '@rel']),
      run(['upgrade', 'nothere', '@rel']),
      run(['rollback', 'nothere']),
      run(['status', 'nothere']),
      run(['history', 'nothere']),
      run(['get', 'values', 'nothere']),
      run(['uninstall', 'nothere']),
      run(['uninstall', 'nothere', '--ignore-not-found']),
      // hull words the naming rule for people; the prefix is Helm's.
      { ...run(['install', 'Bad_Name', '@rel']), differs: ['release-name-message', 'exit-code-usage'] },
      { ...run(['install', 'Bad_Name', '@rel'], { common: 'INSTALLATION FAILED: release name check failed: ' }), differs: ['exit-code-usage'] },
    ],
  },
  {
    name: 'uninstall keeping history, then upgrade --install and install --replace',
    steps: [
      run(['install', 'e', '@rel']),
      run(['uninstall', 'e', '--keep-history', '--description', 'bye']),
      json('history', 'e'),
      json('list', '--uninstalled'),
      run(['upgrade', 'e', '@rel']),
      run(['install', 'e', '@rel']),
      run(['upgrade', '--install', 'e', '@rel', '--description', 'back']),
      json('history', 'e'),
      run(['uninstall', 'e', '--keep-history']),
      run(['install', 'e', '@rel', '--replace']),
      json('history', 'e'),
      run(['uninstall', 'e']),
      run(['history', 'e']),
      run(['upgrade', '--install', 'e', '@rel']),
      json('history', 'e'),
    ],
  },
  {
    name: 'get and status of a Go-template chart, rendered alike by both tools',
    steps: [
      run(['install', 'g', '@gotpl', '--skip-crds', '--set', 'x=5,name=api']),
      text('get', 'manifest', 'g'),
      text('get', 'hooks', 'g'),
      text('get', 'notes', 'g'),
      text('get', 'values', 'g'),
      text('get', 'values', 'g', '--all'),
      json('get', 'values', 'g', '--all'),
      { args: ['get', 'values', 'g', '-o', 'yaml'], compare: 'text' },
      json('status', 'g'),
      run(['upgrade', 'g', '@gotpl', '--set', 'x=6', '--description', 'six']),
      text('get', 'manifest', 'g', '--revision', '1'),
      text('get', 'values', 'g', '--revision', '1'),
      json('history', 'g'),
      run(['uninstall', 'g', '--description', 'gone', '--keep-history']),
      json('status', 'g'),
    ],
  },
  {
    name: 'history pruning with --history-max, and rollback flags',
    steps: [
      run(['install', 'h', '@rel']),
      run(['upgrade', 'h', '@rel', '--set', 'n=1']),
      run(['upgrade', 'h', '@rel', '--set', 'n=2', '--history-max', '2']),
      json('history', 'h'),
      run(['rollback', 'h', '2', '--history-max', '2']),
      json('history', 'h'),
      run(['rollback', 'h', '3', '--no-hooks', '--cleanup-on-fail', '--timeout', '60s']),
      json('history', 'h'),
      json('get', 'values', 'h'),
    ],
  },
  {
    name: 'an object the API server rejects',
    steps: [
      run(['install', 'v', '@rel', '--set', 'invalid=true'], 'prefix'),
      { ...json('history', 'v'), differs: ['preflight-rejection'] },
    ],
  },
  {
    name: 'waiting: hull waits for readiness by default, Helm 4 for hooks only',
    steps: [
      { ...run(['install', 'w', '@rel', '--set', 'notReady=true', '--timeout', '3s']), differs: ['wait-default'] },
      { ...json('history', 'w'), differs: ['wait-default'] },
      run(['upgrade', 'w', '@rel', '--set', 'notReady=false', '--timeout', '30s']),
    ],
  },
  {
    name: 'list and its flags',
    steps: [
      run(['install', 'l1', '@rel']),
      pause,
      run(['install', 'l2', '@rel2']),
      pause,
      run(['install', 'l3', '@rel', '--set', 'fail=true'], 'prefix'),
      pause,
      run(['upgrade', 'l1', '@rel2']),
      json('list'),
      { ...json('list', '-a'), differs: ['list-all-flag'] },
      json('list', '-r'),
      json('list', '-d'),
      json('list', '-d', '-r'),
      json('list', '-m', '1', '--offset', '1'),
      json('list', '--max', '2'),
      json('list', '--offset', '5'),
      json('list', '--deployed'),
      json('list', '--failed'),
      json('list', '--deployed', '--failed'),
      json('list', '--superseded'),
      json('list', '--pending'),
      json('list', '--uninstalling'),
      json('list', '-l', 'status=deployed'),
      json('list', '-l', 'name in (l1,l3)'),
      json('list', '-l', 'version!=1'),
      json('list', '-f', '^l[12]$'),
      json('list', '-q'),
      text('list', '-q'),
      text('list', '--no-headers', '--time-format', '2006'),
      text('list', '--time-format', 'Z07:00 2006'),
    ],
  },
];

/** A failed revision's description: Helm's words up to the cause, whose wording is hull's own (`failure-cause-text`). */
const causeDropped = (s: string) => s.replace(/^((?:Release|Upgrade|Rollback) "[^"]*" failed: ).*$/s, '$1…');

/** Times differ between the runs and namespaces by construction: drop the first, name the second NS. */
function normalise(v: unknown, ns: string): unknown {
  if (typeof v === 'string') return causeDropped(v.split(ns).join('NS'));
  if (Array.isArray(v)) return v.map((x) => normalise(x, ns));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    // Go prints maps with sorted keys; key order is not what is compared here.
    for (const [k, x] of Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (['updated', 'first_deployed', 'last_deployed', 'deleted', 'started_at', 'completed_at'].includes(k)) continue;
      out[k] = normalise(x, ns);
    }
    return out;
  }
  return v;
}

/** status -o json prints the whole release: its user-facing part is compared here (bodies: test/e2e/helm-interop). */
function statusView(r: any): unknown {
  return { name: r.name, namespace: r.namespace, version: r.version, info: { status: r.info?.status, description: r.info?.description }, config: r.config ?? null };
}

const firstErrorLine = (o: Outcome) => (o.stderr.split('\n').find((l) => l.startsWith('Error: ')) ?? '').replace(/^Error: /, '');
/** Helm's "X FAILED: " prefix; what follows is each tool's own cause (`failure-cause-text`). */
const failedPrefix = (line: string) => /^[A-Z ]+FAILED: /.exec(line)?.[0] ?? line;

interface Difference {
  step: string;
  helm: unknown;
  hull: unknown;
}

/** What one step produced, as compared. */
function view(step: Step, o: Outcome, ns: string): unknown {
  if (step.compare === 'result') return { ok: o.code === 0 };
  if (o.code !== 0) return { failed: firstErrorLine(o) };
  if (step.compare === 'text') return o.stdout.split(ns).join('NS');
  const data = parseJsonExact(o.stdout);
  return normalise(step.args[0] === 'status' ? statusView(data) : data, ns);
}

function compareStep(step: Step, helm: { o: Outcome; ns: string }, hull: { o: Outcome; ns: string }): Difference | undefined {
  const label = step.args.join(' ');
  const h = view(step, helm.o, helm.ns);
  const u = view(step, hull.o, hull.ns);
  if (stringifyJson(h) !== stringifyJson(u)) return { step: label, helm: h, hull: u };
  if (helm.o.code === 0) return hull.o.code === 0 ? undefined : { step: `${label} (exit code)`, helm: 0, hull: hull.o.code };
  const helmLine = firstErrorLine(helm.o).split(helm.ns).join('NS');
  const hullLine = firstErrorLine(hull.o).split(hull.ns).join('NS');
  const want = step.error === 'prefix' ? failedPrefix(helmLine) : typeof step.error === 'object' ? step.error.common : helmLine;
  if (!hullLine.startsWith(want) || !helmLine.startsWith(want)) return { step: `${label} (error text)`, helm: helmLine, hull: hullLine };
  if (hull.o.code !== helm.o.code) return { step: `${label} (exit code)`, helm: helm.o.code, hull: hull.o.code };
  return undefined;
}

async function play(tool: Tool, steps: Step[], ns: string, charts: Record<string, Record<Tool, string>>): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const step of steps) {
    if (step.args[0] === '@sleep') {
      // list -d orders by whole seconds of the last deployment: one second apart, the order is certain.
      await new Promise((r) => setTimeout(r, 1100));
      out.push({ code: 0, stdout: '', stderr: '' });
      continue;
    }
    const args = step.args.map((a) => (a.startsWith('@') ? charts[a.slice(1)][tool] : a));
    out.push(await runTool(tool, [...args, '-n', ns], { kubeconfig: inject('kubeconfig') }));
  }
  return out;
}

// Scenarios run side by side, each in its own two namespaces: most of their time is API round trips.
describe.concurrent('release commands: hull and helm agree on the cluster', () => {
  const known = knownDifferences();
  let charts: Record<string, Record<Tool, string>>;
  const namespaces: string[] = [];
  beforeAll(() => {
    charts = { rel: twinCharts('rel'), rel2: twinCharts('rel2'), gotpl: twinCharts('gotpl') };
  });
  afterAll(async () => {
    await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
  });

  for (const sc of SCENARIOS) {
    it(sc.name, async ({ expect }) => {
      const [helmNs, hullNs] = await Promise.all([createNamespace('diff-helm'), createNamespace('diff-hull')]);
      namespaces.push(helmNs, hullNs);
      const [helm, hull] = await Promise.all([play('helm', sc.steps, helmNs, charts), play('hull', sc.steps, hullNs, charts)]);
      const differences: Difference[] = [];
      const stale: string[] = [];
      sc.steps.forEach((step, i) => {
        const d = compareStep(step, { o: helm[i], ns: helmNs }, { o: hull[i], ns: hullNs });
        if (step.differs) {
          for (const id of step.differs) expect(known.has(id), `difference ${id} is listed in docs/helm-differences.md`).toBe(true);
          if (!d) stale.push(`${step.args.join(' ')}: marked ${step.differs.join(', ')} but agrees now`);
        } else if (d) differences.push(d);
      });
      expect(stale).toEqual([]);
      expect(differences.map((d) => stringifyJson(d))).toEqual([]);
    });
  }
});
