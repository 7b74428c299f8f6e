import { createHash } from 'node:crypto';
import { FindingCode } from './findings.js';
import type { Verdict } from './verdict.js';

const digest = (parts: unknown): string =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);

/**
 * Identifies a set of findings: the same problem gives the same value on
 * every check. "Could not check" counts by code only, since its reason
 * text varies from one failed attempt to the next.
 */
const findingsFingerprint = (verdict: Verdict): string =>
  digest(
    verdict.findings
      .map((finding) =>
        finding.code === FindingCode.couldNotCheck
          ? [finding.code]
          : [finding.code, finding.expected ?? [], finding.observed ?? []]
      )
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  );

/** Identifies what the database showed, to log changes in the audit trail. */
const observationDigest = (verdict: Verdict): string =>
  digest([
    verdict.status,
    verdict.observedRows ?? null,
    verdict.expectedHeads ?? null,
    findingsFingerprint(verdict),
  ]);

export { findingsFingerprint, observationDigest };
