// Rendered resources as the release code consumes them. `name` is the source template path as Helm
// prints it in "# Source: <chart>/templates/x.yaml"; `content` is the YAML text of one document.

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export interface Manifest {
  name: string;
  content: string;
  object: ManifestObject;
}

export type HookEvent =
  | 'pre-install'
  | 'post-install'
  | 'pre-delete'
  | 'post-delete'
  | 'pre-upgrade'
  | 'post-upgrade'
  | 'pre-rollback'
  | 'post-rollback'
  | 'test';

export type HookDeletePolicy = 'before-hook-creation' | 'hook-succeeded' | 'hook-failed';

export interface HookManifest extends Manifest {
  events: HookEvent[];
  weight: number;
  /** Default ['before-hook-creation'], as in Helm. */
  deletePolicies: HookDeletePolicy[];
}

/** A document as printed and stored: its template and its text. */
export interface TextDocument {
  name: string;
  content: string;
}

export interface RenderedChart {
  /** Non-hook resources, in Helm's install order. */
  manifests: Manifest[];
  /** Hooks ordered by weight, then resource name (what Helm's code does); for a Go-template chart,
   * in Helm's stored order instead (by kind, then as rendered): runs sort them by weight anyway. */
  hooks: HookManifest[];
  /** Go-template charts: documents holding comments only, which Helm prints and stores (never applied). */
  comments?: TextDocument[];
  /** True for a Go-template chart: split, trimmed and ordered exactly as Helm does, printed as Helm prints. */
  helm?: boolean;
  /** The top chart's rendered NOTES.txt, '' when it has none. */
  notes: string;
  /** The crds/ documents of the chart and its subcharts (not templated). */
  crds: Manifest[];
}
