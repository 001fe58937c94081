// Rendered template text -> validated manifests. Documents are split on "---" lines, empty ones are
// dropped, each must be a Kubernetes object (apiVersion, kind, metadata.name), no two may share
// kind/namespace/name, and hooks are separated by their annotations. Positions in messages are
// lines of the rendered output of the named template.
import { HullError, listProblems } from '../errors.ts';
import { parseYaml, isPlainObject } from '../chart/yaml.ts';
import { parseHook } from './hooks.ts';
import type { HookManifest, Manifest, ManifestObject, TextDocument } from './types.ts';

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

// Go's strings.TrimSpace (unicode.IsSpace) and RE2's \s ([\t\n\f\r ]): Helm's split uses both. Trimming
// is a loop, not a regex: `[…]+$` retries at every position and made 300-template output crawl.
const isGoSpace = (c: number) =>
  (c >= 9 && c <= 13) || c === 32 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
const leadingSpace = (s: string) => {
  let i = 0;
  while (i < s.length && isGoSpace(s.charCodeAt(i))) i++;
  return i;
};
export const goTrimSpace = (s: string) => {
  const start = leadingSpace(s);
  let end = s.length;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
};
const HELM_SEP = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/g;

/**
 * Helm's SplitManifests: the trimmed text split on `---` at a line start (the rest of that line
 * and any following blank lines belong to the separator), each piece trimmed, empty ones dropped.
 * Unlike splitDocuments, a document of comments only is kept: Helm prints and stores it.
 */
export function helmSplitDocuments(text: string): Array<{ content: string; line: number }> {
  const lead = leadingSpace(text);
  const body = goTrimSpace(text);
  const out: Array<{ content: string; line: number }> = [];
  let beg = 0;
  const push = (end: number) => {
    const piece = body.slice(beg, end);
    const content = goTrimSpace(piece);
    if (content === '') return;
    const at = lead + beg + leadingSpace(piece);
    out.push({ content, line: 1 + countNewlines(text, at) });
  };
  for (const m of body.matchAll(HELM_SEP)) {
    push(m.index);
    beg = m.index + m[0].length;
  }
  push(body.length);
  return out;
}

function countNewlines(s: string, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
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


export interface Collected {
  manifests: Manifest[];
  hooks: HookManifest[];
  /** Only with `helm`: the comment-only documents, in file order. */
  comments: TextDocument[];
  problems: string[];
}

/**
 * Every document of every file, with all problems found instead of stopping at the first. With
 * `helm`, documents are split and trimmed exactly as Helm does (so output is byte-identical to
 * Helm's), files are taken in path order, and comment-only documents are kept aside.
 */
export function collectManifests(files: readonly RenderedFile[], namespace = '', helm = false): Collected {
  const manifests: Manifest[] = [];
  const hooks: HookManifest[] = [];
  const comments: TextDocument[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const ordered = helm ? [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : files;
  for (const f of ordered) {
    for (const doc of helm ? helmSplitDocuments(f.content) : splitDocuments(f.content)) {
      const where = `${f.name}:${doc.line}`;
      let value: unknown;
      try {
        value = parseYaml(doc.content, f.name, 'MANIFEST_INVALID', doc.line - 1);
      } catch (e) {
        problems.push(`${(e as Error).message} (in the rendered output)`);
        continue;
      }
      if (value === null || value === undefined) {
        if (helm) comments.push({ name: f.name, content: doc.content });
        continue;
      }
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
  return { manifests, hooks, comments, problems };
}

/** As collectManifests, but any problem is a MANIFEST_INVALID error listing them all. */
export function splitManifests(files: readonly RenderedFile[], namespace = '', helm = false): Omit<Collected, 'problems'> {
  const { problems, ...rest } = collectManifests(files, namespace, helm);
  if (problems.length > 0) throw new HullError('MANIFEST_INVALID', listProblems('rendered manifests', problems));
  return rest;
}
