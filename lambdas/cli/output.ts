import type { Attestation } from '../core/attestation.js';
import { listValues as listed } from '../core/revision-value.js';
import type { Verdict } from '../core/verdict.js';

/** A verdict as a few lines a person can scan. */
const describeVerdict = (verdict: Verdict): string =>
  [
    `target:   ${verdict.targetId}`,
    `status:   ${verdict.status}`,
    `expected: ${listed(verdict.expectedHeads)}`,
    `observed: ${listed(verdict.observedRows)}`,
    ...verdict.findings.map(
      (finding) =>
        `finding:  ${finding.code} (${finding.severity}) ${finding.summary}`
    ),
  ].join('\n');

/** An attestation as a few lines a person can scan. */
const describeAttestation = (
  attestation: Attestation,
  created: boolean
): string =>
  [
    `${created ? 'recorded' : 'already recorded'}: ${attestation.targetId} ` +
      `#${attestation.sequence}`,
    `heads:     ${listed(attestation.heads)}`,
    `deploy id: ${attestation.deployId}`,
    ...(attestation.commit ? [`commit:    ${attestation.commit}`] : []),
    ...(attestation.actor ? [`actor:     ${attestation.actor}`] : []),
  ].join('\n');

export { describeAttestation, describeVerdict };
