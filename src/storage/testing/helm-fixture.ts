// A release body written the way Helm 4 writes it, built by hand from Helm's Go structs (field
// order, omitempty rules, Go time and []byte encodings, HTML escaping) so tests can prove hull
// reads Helm's records without a Helm binary. The interop e2e test with the real binary lives in
// test/. Test-only; nothing in src imports this outside *.test.ts.
import { gzipSync } from 'node:zlib';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export const HELM_MANIFEST =
  '---\n# Source: web/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';

/** The JSON text Go's encoding/json produces for a Helm 4 release (keys in struct order). */
export function helmReleaseJSON(status = 'deployed', version = 1): string {
  // Go escapes <, > and & in strings; the notes below carry one to prove it round-trips.
  return (
    '{"name":"web","info":{"first_deployed":"2025-03-04T10:11:12.123456789+01:00",' +
    '"last_deployed":"2025-03-04T10:11:13.5+01:00","description":"Install complete",' +
    `"status":"${status}","notes":"Visit \\u003chttp://web\\u003e"},` +
    '"chart":{"metadata":{"name":"web","version":"1.2.3","description":"A web app","apiVersion":"v2","appVersion":"4.5.6","type":"application"},' +
    `"lock":null,"templates":[{"name":"templates/service.yaml","data":"${b64('apiVersion: v1\nkind: Service\n')}"}],` +
    '"values":{"replicas":1},"schema":null,"schemamodtime":"0001-01-01T00:00:00Z",' +
    `"files":[{"name":"README.md","data":"${b64('# web\n')}"}]},` +
    '"config":{"replicas":3},' +
    `"manifest":${JSON.stringify(HELM_MANIFEST)},` +
    '"hooks":[{"name":"web-migrate","kind":"Job","path":"web/templates/migrate.yaml","manifest":"kind: Job\\n",' +
    '"events":["pre-install","pre-upgrade"],"last_run":{"started_at":"2025-03-04T10:11:12.2+01:00",' +
    '"completed_at":"2025-03-04T10:11:12.9+01:00","phase":"Succeeded"},"weight":-5,"delete_policies":["before-hook-creation"]}],' +
    `"version":${version},"namespace":"apps","apply_method":"ssa"}`
  );
}

/** Helm's stored body: base64(gzip(JSON)) at best compression. */
export function helmEncoded(json = helmReleaseJSON()): string {
  return gzipSync(Buffer.from(json), { level: 9 }).toString('base64');
}

/** The legacy body Helm still reads: base64(JSON), no gzip. */
export function helmEncodedPlain(json = helmReleaseJSON()): string {
  return b64(json);
}

/** The Secret as the API returns it after `helm install` (createdAt only; Helm's create sets no modifiedAt). */
export function helmSecret(status = 'deployed', version = 1, namespace = 'apps') {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `sh.helm.release.v1.web.v${version}`,
      namespace,
      labels: { name: 'web', owner: 'helm', status, version: String(version), createdAt: '1741079472' },
    },
    type: 'helm.sh/release.v1',
    data: { release: b64(helmEncoded(helmReleaseJSON(status, version))) },
  };
}
