// Jobs finish rather than become ready: Complete is ready, Failed is failed with the controller's
// own reason (BackoffLimitExceeded, DeadlineExceeded) so a hook failure can say which it was.

import type { KubeObject } from '../kube/types.ts';
import { condition, field, num, optNum } from './fields.ts';
import type { Assessment } from './types.ts';

export function assessJob(job: KubeObject): Assessment {
  // completions unset means "one pod succeeding is enough" (work-queue or single-pod jobs).
  const desired = optNum(job, 'spec.completions') ?? 1;
  const succeeded = num(job, 'status.succeeded', 0);
  const failedPods = num(job, 'status.failed', 0);
  const active = num(job, 'status.active', 0);
  const counts = { ready: Math.min(succeeded, desired), desired };

  // FailureTarget (1.31+) is set as soon as the Job is doomed, before its pods are cleaned up and
  // Failed appears; reading it stops the wait a little sooner.
  for (const type of ['Failed', 'FailureTarget']) {
    const c = condition(job, type);
    if (c?.status === 'True') {
      const pods = failedPods > 0 ? ` (${failedPods} failed pod${failedPods === 1 ? '' : 's'})` : '';
      return { state: 'failed', ...counts, reason: c.reason ?? 'JobFailed', message: `${c.message ?? 'job failed'}${pods}` };
    }
  }
  if (condition(job, 'Complete')?.status === 'True' || condition(job, 'SuccessCriteriaMet')?.status === 'True') {
    return { state: 'ready', ready: desired, desired, reason: 'Complete' };
  }
  // A suspended Job runs nothing until resumed; it is not done, and saying so beats a silent wait.
  if (field(job, 'spec.suspend') === true || condition(job, 'Suspended')?.status === 'True') {
    return { state: 'progressing', ...counts, reason: 'Suspended', message: 'job is suspended' };
  }
  const retries = failedPods > 0 ? `, ${failedPods} failed` : '';
  return { state: 'progressing', ...counts, reason: active > 0 ? 'Running' : 'Pending', message: `${succeeded} of ${desired} completed, ${active} running${retries}` };
}
