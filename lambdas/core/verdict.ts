import type { Finding } from './findings.js';

/** The named outcome of one check. "Could not check" is never a pass. */
const VerdictStatus = {
  ok: 'OK',
  mismatch: 'MISMATCH',
  unattested: 'UNATTESTED',
  unchecked: 'UNCHECKED',
} as const;

type VerdictStatus = (typeof VerdictStatus)[keyof typeof VerdictStatus];

/** The findings of one check of one target. */
interface Verdict {
  readonly targetId: string;
  readonly checkedAt: string;
  readonly status: VerdictStatus;
  readonly findings: readonly Finding[];
  /** Heads of the newest attestation, when there is one. */
  readonly expectedHeads?: readonly string[];
  /** Rows read from the version table, when it could be read. */
  readonly observedRows?: readonly string[];
  readonly attestationSequence?: number;
}

/**
 * The distinct codes of a verdict's findings. Bounded by the catalogue,
 * however many rows produced findings, so it fits any stored item.
 */
const findingCodes = (verdict: Verdict): string[] => [
  ...new Set(verdict.findings.map((finding) => finding.code)),
];

export type { Verdict };
export { findingCodes, VerdictStatus };
