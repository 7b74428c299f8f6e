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
}

/** Heads in the canonical order used for storage and comparison. */
const canonicalHeads = (heads: readonly string[]): string[] =>
  [...new Set(heads)].sort();

export type { Attestation, Provenance };
export { canonicalHeads };
