// Chart.yaml: parsed safely and checked the way Helm checks it, every problem named with the file.
import semver from 'semver';
import { HullError } from '../errors.ts';
import { languageProblems } from './language.ts';
import type { ChartMetadata } from './types.ts';
import { parseYamlMap } from './yaml.ts';

const NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/i;

/** Every problem with the metadata, as "Chart.yaml: ..." lines (lint shows them all). */
export function metadataProblems(m: Record<string, unknown>, file: string): string[] {
  const out: string[] = [];
  const str = (k: string) => (typeof m[k] === 'string' ? (m[k] as string) : undefined);
  if (!str('apiVersion')) out.push(`${file}: apiVersion is required`);
  else if (m.apiVersion !== 'v2' && m.apiVersion !== 'v1') out.push(`${file}: apiVersion "${m.apiVersion}" is not supported (use v2)`);
  if (!str('name')) out.push(`${file}: name is required`);
  else if (!NAME.test(str('name')!)) out.push(`${file}: name "${m.name}" is invalid (letters, digits, "-", "_" and ".")`);
  if (m.version === undefined) out.push(`${file}: version is required`);
  else if (typeof m.version !== 'string' || !semver.valid(m.version)) out.push(`${file}: version "${String(m.version)}" is not a SemVer 2 version`);
  if (m.appVersion !== undefined && typeof m.appVersion !== 'string' && typeof m.appVersion !== 'number') out.push(`${file}: appVersion must be a string`);
  if (m.type !== undefined && m.type !== 'application' && m.type !== 'library') out.push(`${file}: type "${String(m.type)}" must be application or library`);
  if (m.kubeVersion !== undefined && (typeof m.kubeVersion !== 'string' || !semver.validRange(m.kubeVersion))) out.push(`${file}: kubeVersion "${String(m.kubeVersion)}" is not a valid version constraint`);
  if (m.dependencies !== undefined) {
    if (!Array.isArray(m.dependencies)) out.push(`${file}: dependencies must be a list`);
    else m.dependencies.forEach((d, i) => {
      if (!d || typeof d !== 'object' || typeof (d as { name?: unknown }).name !== 'string') out.push(`${file}: dependencies[${i}].name is required`);
    });
  }
  if (m.annotations !== undefined && m.annotations !== null && (typeof m.annotations !== 'object' || Array.isArray(m.annotations))) out.push(`${file}: annotations must be a map`);
  else out.push(...languageProblems(m as Pick<ChartMetadata, 'annotations'>, file));
  return out;
}

/** Parses and validates Chart.yaml, throwing CHART_INVALID with every problem found. */
export function parseMetadata(text: string, file: string): ChartMetadata {
  const m = parseYamlMap(text, file, 'CHART_INVALID');
  const problems = metadataProblems(m, file);
  if (problems.length > 0) throw new HullError('CHART_INVALID', problems.join('\n'));
  // Helm stores appVersion as a string even when YAML typed it as a number.
  if (typeof m.appVersion === 'number') m.appVersion = String(m.appVersion);
  return m as unknown as ChartMetadata;
}
