import { type Attestation, canonicalHeads, sameRows } from './attestation.js';
import { evidenceOf } from './evidence/database-evidence.js';
import {
  evidenceFindings,
  type JudgeContext,
} from './evidence/evidence-findings.js';
import { newFinding as finding } from './evidence/new-finding.js';
import { type Finding, FindingCode } from './findings.js';
import type { Observation } from './observation.js';
import {
  listValues as listed,
  malformedReason,
  printableValue,
} from './revision-value.js';
import { type Verdict, VerdictStatus } from './verdict.js';

const malformedFindings = (values: readonly string[]): Finding[] =>
  values.flatMap((value) => {
    const reason = malformedReason(value);
    return reason === undefined
      ? []
      : [
          finding(
            FindingCode.malformedValue,
            `row "${printableValue(value)}" ${reason}`,
            { observed: [value] }
          ),
        ];
  });

/** Findings about the rows themselves, before any expectation is used. */
const rowFindings = (observation: Observation): Finding[] => {
  const { table } = observation;
  if (table.kind === 'missing') {
    const hint =
      table.foundInSchemas.length > 0
        ? `; a table of that name exists in schema ${listed(table.foundInSchemas)}`
        : '';
    return [
      finding(FindingCode.tableMissing, `version table not found${hint}`),
    ];
  }

  if (table.values.length === 0) {
    return [finding(FindingCode.tableEmpty, 'version table has no rows')];
  }

  const unusual = table.unusual
    ? [finding(FindingCode.unusualVersionTable, table.unusual)]
    : [];
  return [...unusual, ...malformedFindings(table.values)];
};

/**
 * Compares one observation with the newest attestation of its target,
 * then the evidence read with it (write evidence, schema, privileges).
 * Pure: the same inputs always give the same verdict. `context` carries
 * what the orchestration loaded to explain a difference, such as the
 * attested schema detail when the schema digests differ.
 */
const judge = (
  observation: Observation,
  attestation: Attestation | undefined,
  context: JudgeContext = {}
): Verdict => {
  const observedRows =
    observation.table.kind === 'rows'
      ? [...observation.table.values].sort()
      : undefined;
  const base = {
    targetId: observation.targetId,
    checkedAt: observation.observedAt,
    ...(observedRows && { observedRows }),
    ...(attestation && {
      expectedHeads: attestation.heads,
      attestationSequence: attestation.sequence,
    }),
  };

  const structural = rowFindings(observation);
  if (structural.length > 0) {
    return { ...base, status: VerdictStatus.mismatch, findings: structural };
  }

  const observed = observedRows ?? [];
  const evidence = evidenceOf(observation.table);
  if (attestation === undefined) {
    const summary = `no recorded deploy; table holds ${listed(observed)}`;
    return {
      ...base,
      status: VerdictStatus.unattested,
      findings: [
        finding(FindingCode.noAttestation, summary, { observed }),
        ...evidenceFindings({
          evidence,
          attestation,
          headsMatch: false,
          context,
        }),
      ],
    };
  }

  const expected = canonicalHeads(attestation.heads);
  const headsMatch = sameRows(expected, observed);
  const summary = `expected ${listed(expected)}, found ${listed(observed)}`;
  const findings: Finding[] = [
    ...(headsMatch
      ? []
      : [
          finding(FindingCode.versionMismatch, summary, { expected, observed }),
        ]),
    ...evidenceFindings({ evidence, attestation, headsMatch, context }),
  ];
  return {
    ...base,
    status: findings.length === 0 ? VerdictStatus.ok : VerdictStatus.mismatch,
    findings,
  };
};

/** The verdict when the database could not be read: fail closed. */
const unchecked = (
  targetId: string,
  checkedAt: string,
  reason: string
): Verdict => ({
  targetId,
  checkedAt,
  status: VerdictStatus.unchecked,
  findings: [finding(FindingCode.couldNotCheck, reason)],
});

export type { JudgeContext };
export { judge, unchecked };
