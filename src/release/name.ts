// Release name validation, done before anything else touches the cluster. Helm's rule
// (chart/v2/util/validate_name.go): a DNS-1123 subdomain of at most 53 characters, because the
// name goes into Secret names (sh.helm.release.v1.NAME.vN, 253 max) and into labels (63 max) and
// charts append suffixes to it. Dots are allowed as Helm allows them, so a release Helm created
// is always one hull can manage.
import { HullError } from '../errors.ts';

export const MAX_RELEASE_NAME_LENGTH = 53;
const VALID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Throws HullError('USAGE') naming the rule that was broken. */
export function validateReleaseName(name: string): void {
  if (!name) throw new HullError('USAGE', 'a release name is required');
  if (name.length > MAX_RELEASE_NAME_LENGTH) {
    throw new HullError('USAGE', `invalid release name "${name}": ${name.length} characters, at most ${MAX_RELEASE_NAME_LENGTH} are allowed`);
  }
  if (!VALID.test(name)) {
    throw new HullError(
      'USAGE',
      `invalid release name "${name}": use lower case letters, digits, "-" and ".", starting and ending with a letter or digit`,
    );
  }
}
