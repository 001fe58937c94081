// Rendered template text -> validated manifests. Documents are split on "---" lines, empty ones are
// dropped, each must be a Kubernetes object (apiVersion, kind, metadata.name), no two may share
// kind/namespace/name, and hooks are separated by their annotations. Positions in messages are
// lines of the rendered output of the named template.
import { HullError, listProblems } from '../errors.ts';
import { parseYaml, isPlainObject } from '../chart/yaml.ts';
import { parseHook } from './hooks.ts';
import type { HookManifest, Manifest, ManifestObject } from './types.ts';

export interface RenderedFile {
  /** "todo-list/templates/db.yaml" */
  name: string;
  content: string;
}

/** Splits a multi-document YAML text, keeping the 1-based line each document starts on. */
export function splitDocuments(text: string): Array<{ content: string; line: number }> {
  const docs: Array<{ content: string; line: number }> = [];
  const lines = text.split('\n');
  let start = 0;
  const flush = (end: number) => {
    const body = lines.slice(start, end);
    while (body.length > 0 && body[0].trim() === '') { body.shift(); start++; }
    const content = body.join('\n').trimEnd();
    // A document of comments only renders nothing and is dropped, as Helm does.
    if (content.split('\n').some((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))) docs.push({ content, line: start + 1 });
  };
  lines.forEach((l, i) => {
    if (/^---(\s.*)?$/.test(l)) {
      flush(i);
      start = i + 1;
    }
  });
  flush(lines.length);
  return docs;
}

function checkObject(v: unknown, where: string): string[] {
  if (!isPlainObject(v)) return [`${where}: a document must be a mapping (a Kubernetes object), got ${Array.isArray(v) ? 'a list' : typeof v}`];
  const out: string[] = [];
  if (typeof v.apiVersion !== 'string' || v.apiVersion === '') out.push(`${where}: apiVersion is missing`);
  if (typeof v.kind !== 'string' || v.kind === '') out.push(`${where}: kind is missing`);
  const md = v.metadata;
  if (!isPlainObject(md)) out.push(`${where}: metadata is missing`);
  else {
    if (typeof md.name !== 'string' || md.name === '') out.push(`${where}: metadata.name is missing${md.generateName ? ' (generateName is not supported: releases track objects by name)' : ''}`);
    for (const f of ['labels', 'annotations'] as const) {
      if (md[f] === undefined || md[f] === null) continue;
      if (!isPlainObject(md[f])) out.push(`${where}: metadata.${f} must be a map`);
      else for (const [k, x] of Object.entries(md[f])) if (typeof x !== 'string') out.push(`${where}: metadata.${f}.${k} must be a string, got ${JSON.stringify(x)} (quote it)`);
    }
  }
  return out;
}

/** Every document of every file, with all problems found instead of stopping at the first. */
export function collectManifests(files: readonly RenderedFile[], namespace = ''): { manifests: Manifest[]; hooks: HookManifest[]; problems: string[] } {
  const manifests: Manifest[] = [];
  const hooks: HookManifest[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    for (const doc of splitDocuments(f.content)) {
      const where = `${f.name}:${doc.line}`;
      let value: unknown;
      try {
        value = parseYaml(doc.content, f.name, 'MANIFEST_INVALID', doc.line - 1);
      } catch (e) {
        problems.push(`${(e as Error).message} (in the rendered output)`);
        continue;
      }
      if (value === null || value === undefined) continue;
      const bad = checkObject(value, where);
      if (bad.length > 0) { problems.push(...bad); continue; }
      const object = value as ManifestObject;
      const m: Manifest = { name: f.name, content: doc.content, object };
      const key = `${object.kind}/${object.metadata.namespace ?? namespace}/${object.metadata.name}`;
      const first = seen.get(key);
      if (first) { problems.push(`${where}: ${object.kind} "${object.metadata.name}" is defined twice (first in ${first})`); continue; }
      seen.set(key, where);
      try {
        const hook = parseHook(m);
        if (hook) hooks.push(hook);
        else manifests.push(m);
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
  }
  return { manifests, hooks, problems };
}

/** As collectManifests, but any problem is a MANIFEST_INVALID error listing them all. */
export function splitManifests(files: readonly RenderedFile[], namespace = ''): { manifests: Manifest[]; hooks: HookManifest[] } {
  const { manifests, hooks, problems } = collectManifests(files, namespace);
  if (problems.length > 0) throw new HullError('MANIFEST_INVALID', listProblems('rendered manifests', problems));
  return { manifests, hooks };
}
