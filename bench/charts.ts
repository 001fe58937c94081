// Benchmark charts and stored releases: the same resources written twice, once as a hull
// (Handlebars) chart and once as a Helm (Go template) chart, so both tools apply identical objects;
// and a small but realistic release record for filling storage without running installs.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Release, Status } from '../src/release/types.ts';

type Syntax = 'hull' | 'helm';

/** How each engine spells the two expressions the templates use. */
const EXPR: Record<Syntax, { release: string; round: string }> = {
  hull: { release: '{{Release.Name}}', round: '{{quote Values.round}}' },
  helm: { release: '{{ .Release.Name }}', round: '{{ .Values.round | quote }}' },
};

/** Resource i of a chart: 40% ConfigMaps, 30% Secrets, 30% Services, all ready once created. */
function resource(i: number, x: { release: string; round: string }): string {
  const n = String(i).padStart(3, '0');
  const labels = `  labels:\n    app.kubernetes.io/instance: ${x.release}\n    bench/index: "${n}"\n`;
  switch (i % 10) {
    case 0: case 1: case 2: case 3:
      return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${x.release}-cm-${n}\n${labels}data:\n  round: ${x.round}\n  index: "${n}"\n  settings.ini: |\n    [server]\n    port = 80${n}\n    workers = 4\n`;
    case 4: case 5: case 6:
      // A fixed payload: the API server stores `data`, so both tools send the same bytes.
      return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${x.release}-secret-${n}\n${labels}type: Opaque\ndata:\n  password: ${Buffer.from(`pw-${n}`).toString('base64')}\n`;
    default:
      return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${x.release}-svc-${n}\n${labels}spec:\n  type: ClusterIP\n  selector:\n    app: ${x.release}-${n}\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n`;
  }
}

/** Writes a chart of `count` resources (one template file each) for `syntax` under `dir`. */
export async function writeBenchChart(dir: string, syntax: Syntax, count: number): Promise<string> {
  const chart = join(dir, `${syntax}-${count}`);
  await mkdir(join(chart, 'templates'), { recursive: true });
  await writeFile(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: bench\nversion: 1.0.0\nappVersion: "1.0"\n`);
  await writeFile(join(chart, 'values.yaml'), 'round: "0"\n');
  await Promise.all(Array.from({ length: count }, (_, i) =>
    writeFile(join(chart, 'templates', `r${String(i).padStart(3, '0')}.yaml`), resource(i, EXPR[syntax]))));
  return chart;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/**
 * A revision as an install of a two-template web chart would store it: chart metadata, templates,
 * values, user config, a manifest and notes; about 1.5 KiB once gzipped, like a small real release.
 */
export function storedRelease(name: string, namespace: string, version: number, status: Status, at: Date): Release {
  const cm = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  greeting: {{ .Values.greeting | quote }}\n`;
  const deploy = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  replicas: {{ .Values.replicas }}\n  selector:\n    matchLabels: {app: {{ .Release.Name }}-web}\n  template:\n    metadata:\n      labels: {app: {{ .Release.Name }}-web}\n    spec:\n      containers:\n        - name: web\n          image: {{ .Values.image.repository }}:{{ .Values.image.tag }}\n`;
  const manifest = [
    `---\n# Source: webapp/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-config\ndata:\n  greeting: "hello from revision ${version}"\n`,
    `---\n# Source: webapp/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}-web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: ${name}-web}\n  template:\n    metadata:\n      labels: {app: ${name}-web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.${version}\n`,
  ].join('');
  const time = new Date(at.getTime() + version * 60_000).toISOString();
  return {
    name,
    namespace,
    version,
    info: { first_deployed: at.toISOString(), last_deployed: time, description: version === 1 ? 'Install complete' : 'Upgrade complete', status, notes: `Visit http://${name}.example.com\n` },
    chart: {
      metadata: { apiVersion: 'v2', name: 'webapp', version: '1.2.3', appVersion: '4.5.6', description: 'A web application', type: 'application' },
      lock: null,
      templates: [{ name: 'templates/configmap.yaml', data: b64(cm) }, { name: 'templates/deployment.yaml', data: b64(deploy) }],
      values: { replicas: 2, greeting: 'hello', image: { repository: 'nginx', tag: '1.27.0' } },
      schema: null,
      files: [],
    },
    config: { replicas: 3 },
    manifest,
    hooks: [],
    apply_method: 'ssa',
  };
}
