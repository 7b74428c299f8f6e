import type { WriteEvidence } from './evidence/write-evidence.js';
import type { AttestedSchema } from './schema/schema-object.js';

/** Who and what produced an attestation: the deploy's provenance. */
interface Provenance {
  readonly deployId: string;
  readonly commit?: string;
  readonly actor?: string;
}

/**
 * The expected state the recorder appended after a legitimate deploy.
 * Attestations are append-only; the one with the highest sequence is the
 * current expectation of its target.
 */
interface Attestation extends Provenance {
  readonly targetId: string;
  readonly sequence: number;
  /** Alembic heads, sorted, as the version table must hold them. */
  readonly heads: readonly string[];
  readonly recordedAt: string;
  /**
   * xmin of each version row, the table's oid and relfilenode, and its
   * write counters, as read right after the deploy. Absent in
   * attestations recorded without evidence.
   */
  readonly writes?: WriteEvidence;
  /** Digest and size of the schema snapshot taken at the deploy. */
  readonly schema?: AttestedSchema;
  /**
   * Digest of the migration manifest the deploy shipped; the manifest
   * itself is its own item, read only to explain a mismatch.
   */
  readonly manifestDigest?: string;
}

/** Heads in the canonical order used for storage and comparison. */
const canonicalHeads = (heads: readonly string[]): string[] =>
  [...new Set(heads)].sort();

/** Whether two lists hold the same rows, duplicates counted, in any order. */
const sameRows = (a: readonly string[], b: readonly string[]): boolean => {
  const left = [...a].sort();
  const right = [...b].sort();
  return left.length === right.length && left.every((v, i) => v === right[i]);
};

export type { Attestation, Provenance };
export { canonicalHeads, sameRows };
