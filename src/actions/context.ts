// What every release action needs: the cluster, the namespace and the release storage in it.
import type { Configuration } from '../config.ts';
import type { KubeClient } from '../kube/types.ts';
import { SecretsDriver } from '../storage/secrets.ts';
import type { Driver } from '../storage/driver.ts';
import type { Capabilities } from '../render/render.ts';

export interface ReleaseContext {
  kube: KubeClient;
  namespace: string;
  driver: Driver;
}

export async function openReleases(cfg: Configuration): Promise<ReleaseContext> {
  const kube = await cfg.kube();
  const namespace = await cfg.namespace();
  return { kube, namespace, driver: new SecretsDriver(kube, namespace, { now: cfg.clock }) };
}

/** What templates see as .Capabilities: the real server's version and API groups. */
export async function capabilitiesOf(kube: KubeClient): Promise<Capabilities> {
  const [v, apiVersions] = await Promise.all([kube.serverVersion(), kube.apiVersions()]);
  return { kubeVersion: { version: v.gitVersion, major: v.major, minor: v.minor.replace(/\+$/, '') }, apiVersions };
}
