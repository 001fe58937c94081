// The in-memory chart. Field names of ChartMetadata are Helm's Chart.yaml names on purpose: the
// metadata is stored as JSON inside Helm-compatible release records, where Helm reads it back.

export interface ChartDependency {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  tags?: string[];
  enabled?: boolean;
  'import-values'?: unknown[];
  alias?: string;
}

export interface ChartMaintainer {
  name?: string;
  email?: string;
  url?: string;
}

export interface ChartMetadata {
  apiVersion: string;
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  type?: 'application' | 'library' | string;
  kubeVersion?: string;
  home?: string;
  icon?: string;
  sources?: string[];
  keywords?: string[];
  maintainers?: ChartMaintainer[];
  annotations?: Record<string, string>;
  deprecated?: boolean;
  dependencies?: ChartDependency[];
}

export interface ChartFile {
  /** Path relative to the chart root, with forward slashes: "templates/deployment.yaml". */
  name: string;
  data: Buffer;
  /** Modification time (RFC3339Nano), stored in releases as Helm 4 does. */
  modtime?: string;
}

export interface Chart {
  metadata: ChartMetadata;
  /** The chart's values.yaml (defaults). */
  values: Record<string, unknown>;
  /** Parsed values.schema.json, when the chart has one. */
  schema?: object;
  /** values.schema.json as written: releases store these bytes, as Helm does, not a re-serialisation. */
  schemaRaw?: Buffer;
  schemaModtime?: string;
  /** Chart.yaml's modification time: Helm 4 stores it as the chart's. */
  modtime?: string;
  /** Everything under templates/, sorted by name; NOTES.txt and `_` helpers included. */
  templates: ChartFile[];
  /** Every other file (README, crds/, config files read through Files), sorted by name. As in Helm,
   * Chart.yaml, values.yaml, values.schema.json, templates/ and charts/ are not repeated here. */
  files: ChartFile[];
  /** The files under crds/ (also present in `files`, as Helm keeps them). */
  crds: ChartFile[];
  /** Subcharts loaded from charts/ (directories and .tgz), sorted by name. */
  dependencies: Chart[];
  /** Where the chart was loaded from (directory or archive). */
  path: string;
}
