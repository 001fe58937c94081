// Hooks and tests wait for an object to FINISH, not to become ready: a hook Pod that is Running
// and Ready has not done its work yet. Helm's rule, kept: Jobs until Complete or Failed, Pods
// until Succeeded or Failed, any other kind is done once it exists.

import type { KubeObject } from '../kube/types.ts';
import { str } from './fields.ts';
import { assessPod } from './pod.ts';
import { assess } from './rules.ts';
import type { AssessContext, Assessment } from './types.ts';

export function assessCompletion(obj: KubeObject, ctx?: AssessContext): Assessment {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  if (group === 'batch' && obj.kind === 'Job') return assess(obj, ctx);
  if (group === '' && obj.kind === 'Pod') {
    const a = assessPod(obj, ctx);
    if (a.state !== 'ready' || str(obj, 'status.phase') === 'Succeeded') return a;
    return { state: 'progressing', ready: 0, desired: 1, reason: 'Running', message: 'pod is running, not finished' };
  }
  return { state: 'ready' };
}
