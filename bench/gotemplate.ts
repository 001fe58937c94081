// The Go-template engine alone, in process: `helm create`'s deployment.yaml copied N times (with its
// _helpers.tpl), parsed once and executed, as a chart render does. The functions Helm adds (include,
// toYaml, nindent…) are small stand-ins here: this measures the engine, not Sprig.
//
// Measured on the shared 2-core dev VM (node 24), 300 templates, CPU time, median of 7, three runs:
//   ours: parse 40–47 ms, execute 27–47 ms (≈ 0.15 ms per deployment.yaml of 12 includes, parse + run);
//   Go's text/template + Sprig doing the same in process (reference program, go1.26, GOMAXPROCS=1,
//   CPU time): parse 34–35 ms, execute 43–47 ms. The engine is at par with Go's; in `hull template` on
//   that chart it takes ≈ 6% of the CPU profile (module loading and YAML dominate).
// Run: node bench/gotemplate.ts [N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { GO_TYPE, type GoValue, TemplateSet } from '../src/render/gotemplate/index.ts';
import { helmBinary } from './helm.ts';

const N = Number(process.argv[2] ?? 300);
const RUNS = 7;

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const str = (v: GoValue): string => (v === null || v === undefined ? '' : String(v));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hull-bench-gotpl-'));
  try {
    execFileSync(await helmBinary(), ['create', join(dir, 'bench')]);
    const tdir = join(dir, 'bench', 'templates');
    const helpers = readFileSync(join(tdir, '_helpers.tpl'), 'utf8');
    const deployment = readFileSync(join(tdir, 'deployment.yaml'), 'utf8');
    const values = yaml.load(readFileSync(join(dir, 'bench', 'values.yaml'), 'utf8')) as GoValue;
    const dot = {
      Values: values,
      Chart: { [GO_TYPE]: '*chart.Metadata', Name: 'bench', Version: '0.1.0', AppVersion: '1.16.0' },
      Release: { Name: 'r', Namespace: 'default', Service: 'Helm', IsInstall: true },
    };

    const parseTimes: number[] = [];
    const execTimes: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const set: TemplateSet = new TemplateSet({
        include: { params: ['string', 'interface {}'], fn: (n, d) => set.execute(n as string, d) },
        toYaml: { params: ['interface {}'], fn: (v) => yaml.dump(v, { sortKeys: true }).trimEnd() },
        nindent: { params: ['int', 'string'], fn: (n, s) => '\n' + str(s).replace(/^/gm, ' '.repeat(Number(n))) },
        default: { params: ['interface {}'], variadic: 'interface {}', fn: (d, ...v) => (v.length === 0 || !v[0] ? d : v[0]) },
        trunc: { params: ['int', 'string'], fn: (n, s) => str(s).slice(0, Number(n)) },
        trimSuffix: { params: ['string', 'string'], fn: (x, s) => (str(s).endsWith(str(x)) ? str(s).slice(0, -str(x).length) : str(s)) },
        contains: { params: ['string', 'string'], fn: (x, s) => str(s).includes(str(x)) },
        replace: { params: ['string', 'string', 'string'], fn: (a, b, s) => str(s).replaceAll(str(a), str(b)) },
        quote: { params: [], variadic: 'interface {}', fn: (...a) => a.map((x) => JSON.stringify(str(x))).join(' ') },
      }, { missingKey: 'zero' });
      // CPU time of this process (the dev machine is shared: wall time measures the neighbours)
      let t = cpuMs();
      set.parse('bench/templates/_helpers.tpl', helpers);
      for (let i = 0; i < N; i++) set.parse(`bench/templates/deployment-${i}.yaml`, deployment);
      parseTimes.push(cpuMs() - t);
      t = cpuMs();
      bytes = 0;
      for (let i = 0; i < N; i++) bytes += set.execute(`bench/templates/deployment-${i}.yaml`, dot).length;
      execTimes.push(cpuMs() - t);
    }
    const median = (a: number[]): number => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
    console.log(`gotemplate: ${N} templates: parse ${median(parseTimes).toFixed(1)} ms, execute ${median(execTimes).toFixed(1)} ms CPU (${bytes} bytes out), median of ${RUNS}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
