// Rendered or stored documents as data (template and get manifest with -o json|yaml): the template
// each came from, and the object.
import type { Manifest } from '../manifest/types.ts';

export interface Document {
  /** "CHART/templates/FILE", as the "# Source:" line names it. */
  source: string;
  object: Manifest['object'];
}

export function documents(docs: Manifest[]): Document[] {
  return docs.map((d) => ({ source: d.name, object: d.object }));
}
