// Permissions come from the user's kubeconfig: a user bound to one namespace can run releases
// there, and is refused elsewhere with an error naming the resource.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createNamespace, deleteNamespace, kubectl } from '../helpers/cluster.ts';
import { configMap, hull, writeChart } from '../helpers/hull.ts';

const external = inject('external');
let mine: string;
let other: string;
beforeAll(async () => {
  if (external) return;
  mine = await createNamespace('rbac-mine');
  other = await createNamespace('rbac-other');
  await kubectl(['create', 'role', 'releaser', '-n', mine, '--verb=get,list,watch,create,update,patch,delete', '--resource=secrets,configmaps,leases.coordination.k8s.io']);
  await kubectl(['create', 'rolebinding', 'releaser', '-n', mine, '--role=releaser', '--user=hull-restricted']);
});
afterAll(async () => {
  if (external) return;
  await deleteNamespace(mine);
  await deleteNamespace(other);
});

describe.skipIf(external)('a namespace-limited user', () => {
  it('installs in its namespace and is refused, clearly, in another', async () => {
    const env = { KUBECONFIG: inject('restrictedKubeconfig') };
    const chart = writeChart('limited', '1.0.0', { 'templates/cm.yaml': configMap('limited-config', { a: 'b' }) });
    const ok = await hull(['install', 'limited', chart, '-n', mine], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect((await kubectl(['get', 'configmap', 'limited-config', '-n', mine, '-o', 'name'])).trim()).toBe('configmap/limited-config');

    const denied = await hull(['install', 'limited', chart, '-n', other], env);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/Lease\/hull-lock\.limited in namespace rbac-other-\w+: .*forbidden: User "hull-restricted" cannot create resource "leases"/);
    expect((await kubectl(['get', 'configmaps,secrets', '-n', other, '-o', 'name'])).includes('limited')).toBe(false);
  });
});
