// Kubernetes label selectors as `helm list -l` takes them: "a=b,c!=d,e==f", plus the set forms
// "k in (a,b)", "k notin (a)", "k" and "!k" that Kubernetes' parser accepts too.
import { HullError } from '../errors.ts';

type Requirement = (labels: Record<string, string>) => boolean;

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;

function checkKey(k: string, selector: string): string {
  if (!KEY.test(k)) throw new HullError('USAGE', `invalid label selector "${selector}": "${k}" is not a valid label key`);
  return k;
}

/** Splits at commas outside parentheses. */
function parts(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of selector) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((p) => p.trim()).filter((p) => p !== '');
}

export function parseSelector(selector: string): Requirement[] {
  return parts(selector).map((p): Requirement => {
    let m = /^(\S+?)\s*(==|=|!=)\s*(\S*)$/.exec(p);
    if (m) {
      const [, k, op, v] = m;
      checkKey(k, selector);
      return op === '!=' ? (l) => l[k] !== v : (l) => l[k] === v;
    }
    m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p);
    if (m) {
      const k = checkKey(m[1], selector);
      const set = new Set(m[3].split(',').map((s) => s.trim()));
      return m[2] === 'in' ? (l) => k in l && set.has(l[k]) : (l) => !(k in l) || !set.has(l[k]);
    }
    if (p.startsWith('!')) {
      const k = checkKey(p.slice(1).trim(), selector);
      return (l) => !(k in l);
    }
    const k = checkKey(p, selector);
    return (l) => k in l;
  });
}

export function matchesSelector(reqs: Requirement[], labels: Record<string, string>): boolean {
  return reqs.every((r) => r(labels));
}
