// Converting a loaded chart into the shape a release stores, and reading files back. Kept apart
// from src/chart so storage never depends on the loader: any object with this structure works.
import { GO_ZERO_TIME } from './time.ts';
import type { ChartMetadata, StoredChart, StoredFile, Values } from './types.ts';

export interface ChartFileLike {
  name: string;
  data: Uint8Array | string;
  modtime?: string;
}

/** What storedChartFrom needs; src/chart's Chart satisfies it structurally. */
export interface ChartLike {
  metadata: ChartMetadata;
  values?: Values | null;
  /** values.schema.json as bytes, text, or an already parsed object. */
  schema?: Uint8Array | string | object | null;
  /** The schema file's own bytes, preferred over `schema` so the stored bytes are the chart's. */
  schemaRaw?: Uint8Array;
  schemaModtime?: string;
  modtime?: string;
  templates: ChartFileLike[];
  files: ChartFileLike[];
  lock?: StoredChart['lock'];
}

function toBytes(data: Uint8Array | string): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export function storedFile(name: string, data: Uint8Array | string, modtime?: string): StoredFile {
  return { name, data: toBytes(data).toString('base64'), ...(modtime ? { modtime } : {}) };
}

export function fileBytes(file: StoredFile): Buffer {
  return Buffer.from(file.data ?? '', 'base64');
}

export function fileText(file: StoredFile): string {
  return fileBytes(file).toString('utf8');
}

function schemaBytes(schema: ChartLike['schema']): Buffer | undefined {
  if (schema === undefined || schema === null) return undefined;
  if (typeof schema === 'string' || schema instanceof Uint8Array) return toBytes(schema);
  return Buffer.from(JSON.stringify(schema), 'utf8');
}

/**
 * The stored form Helm writes: every top-level key present (null when empty), files sorted by
 * name so two installs of the same chart produce the same bytes.
 */
export function storedChartFrom(chart: ChartLike): StoredChart {
  const byName = (a: ChartFileLike, b: ChartFileLike) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const schema = schemaBytes(chart.schemaRaw ?? chart.schema);
  const files = [...chart.files].sort(byName).map((f) => storedFile(f.name, f.data, f.modtime));
  // Helm 4's key order and zero values: schemamodtime is Go's zero time without a schema, an
  // empty file list is null; modtime (Chart.yaml's) only when the chart came from files.
  return {
    metadata: chart.metadata,
    lock: chart.lock ?? null,
    templates: [...chart.templates].sort(byName).map((f) => storedFile(f.name, f.data, f.modtime)),
    values: chart.values ?? null,
    schema: schema ? schema.toString('base64') : null,
    schemamodtime: (schema && chart.schemaModtime) || GO_ZERO_TIME,
    files: files.length ? files : null,
    ...(chart.modtime ? { modtime: chart.modtime } : {}),
  };
}

/** The parsed values.schema.json of a stored chart, or undefined when it has none. */
export function storedSchema(chart: StoredChart): unknown {
  if (!chart.schema) return undefined;
  return JSON.parse(Buffer.from(chart.schema, 'base64').toString('utf8'));
}

/** "name-version", the CHART column of `helm list` / `helm history`. */
export function chartLabel(chart: StoredChart | undefined): string {
  if (!chart?.metadata) return '';
  return `${chart.metadata.name}-${chart.metadata.version}`;
}
