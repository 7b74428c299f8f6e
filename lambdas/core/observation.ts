import type { DatabaseEvidence } from './evidence/database-evidence.js';

/**
 * What one read of the version table returned, before any judgement.
 * `missing` carries the schemas where a table of the same name does exist,
 * so a finding can hint at a search_path or schema mix-up. `rows` carries
 * the evidence read in the same transaction, when the reader reads it.
 */
type VersionTableRead =
  | { readonly kind: 'missing'; readonly foundInSchemas: readonly string[] }
  | {
      readonly kind: 'rows';
      readonly values: readonly string[];
      readonly evidence?: DatabaseEvidence;
      /**
       * Why the table may show other logins other rows (a view, row-level
       * security), when it may.
       */
      readonly unusual?: string;
    };

/** One read of one target's database. */
interface Observation {
  readonly targetId: string;
  readonly observedAt: string;
  readonly table: VersionTableRead;
}

export type { Observation, VersionTableRead };
