// The release record exactly in the JSON shape Helm v4 serialises (pkg/release/v1, pkg/chart/v2,
// pkg/chart/common). Field names are Helm's JSON tags, so a Secret written by either tool decodes
// in the other. Semantics worth knowing:
// - Times are Go time.Time JSON: RFC 3339 with optional fractional seconds and a zone offset
//   (Helm writes local time, e.g. "2025-01-02T15:04:05.123456789+01:00"). Helm 4 omits zero
//   times; Helm 3 wrote "0001-01-01T00:00:00Z" for them, and Helm 4 also accepts "". Read them
//   with parseHelmTime() (transitions.ts), never by comparing strings.
// - Go []byte fields (file data, chart schema) are standard base64 strings in JSON (null when nil).
// - Fields Helm added that hull does not use yet are declared optional so that reading a revision
//   and writing it back (e.g. marking it superseded) keeps them. Unknown extra fields survive too,
//   as long as transitions copy objects with spread rather than rebuilding them.
import type { Status } from './status.ts';

export type { Status } from './status.ts';

export type Values = Record<string, unknown>;

// The annotation values Helm writes into stored hooks: one definition, shared with the manifests.
import type { HookDeletePolicy, HookEvent } from '../manifest/types.ts';
export type { HookDeletePolicy, HookEvent } from '../manifest/types.ts';

export type HookOutputLogPolicy = 'hook-succeeded' | 'hook-failed';
/** Go HookPhase; "" when the hook never ran (Helm always writes the key). */
export type HookPhase = 'Unknown' | 'Running' | 'Succeeded' | 'Failed' | '';

export interface HookExecution {
  started_at?: string;
  completed_at?: string;
  /** Always present in Helm's JSON (no omitempty). */
  phase: HookPhase;
}

export interface Hook {
  name: string;
  kind: string;
  /** Chart-relative template path, e.g. "mychart/templates/job.yaml". */
  path: string;
  manifest: string;
  events: HookEvent[];
  /** Always present in Helm's JSON. */
  last_run: HookExecution;
  /** Omitted by Helm when 0. */
  weight?: number;
  delete_policies?: HookDeletePolicy[];
  output_log_policies?: HookOutputLogPolicy[];
}

export interface Info {
  first_deployed?: string;
  last_deployed?: string;
  deleted?: string;
  description?: string;
  status: Status;
  /** Helm 4: the revision a rollback went back to; absent (0) otherwise. */
  rollback_revision?: number;
  notes?: string;
  /** Helm 4 `status --show-resources` data; opaque to hull, kept on round trips. */
  resources?: Record<string, unknown[]>;
}

/** A file of the chart; `data` is base64 (Go []byte). */
export interface StoredFile {
  name: string;
  data: string;
  modtime?: string;
}

// Chart.yaml's fields, as loaded and as stored: one definition, in src/chart (Helm's JSON names
// are the Chart.yaml keys).
import type { ChartDependency, ChartMetadata } from '../chart/types.ts';
export type { ChartDependency, ChartMaintainer as Maintainer, ChartMetadata } from '../chart/types.ts';

/** Chart.lock. */
export interface ChartLock {
  generated: string;
  digest: string;
  dependencies: ChartDependency[];
}

/**
 * The chart as stored in a release. Helm writes metadata, lock, templates, values, schema, files
 * and schemamodtime even when empty (null / zero time); subcharts are NOT stored (Go's
 * dependencies field is unexported), so a stored chart is only the parent's own files.
 */
export interface StoredChart {
  metadata: ChartMetadata;
  lock?: ChartLock | null;
  templates: StoredFile[] | null;
  values: Values | null;
  /** values.schema.json, base64; null when the chart has none. */
  schema?: string | null;
  schemamodtime?: string;
  files: StoredFile[] | null;
  modtime?: string;
}

export interface Release {
  name: string;
  namespace: string;
  /** The revision, from 1. */
  version: number;
  info: Info;
  chart: StoredChart;
  /** Only the values the user supplied (-f/--set), not the chart defaults. Omitted when empty. */
  config?: Values;
  /** All non-hook documents, each starting with "---\n# Source: <path>\n". */
  manifest: string;
  hooks?: Hook[];
  /** "ssa" or "csa"; absent means client-side apply (Helm 3 releases). */
  apply_method?: 'ssa' | 'csa';
  /**
   * Custom labels (helm --labels). Never part of the JSON: Helm keeps them only as extra labels on
   * the storage Secret, and the codec drops this field.
   */
  labels?: Record<string, string>;
}
