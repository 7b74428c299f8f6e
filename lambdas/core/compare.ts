import { type Attestation, canonicalHeads } from './attestation.js';
import { CATALOGUE } from './catalogue.js';
import { type Finding, FindingCode } from './findings.js';
import type { Observation } from './observation.js';
import { malformedReason, printableValue } from './revision-value.js';
import { type Verdict, VerdictStatus } from './verdict.js';

const finding = (
  code: FindingCode,
  summary: string,
  values: Pick<Finding, 'expected' | 'observed'> = {}
): Finding => ({
  code,
  severity: CATALOGUE[code].severity,
  summary,
  ...values,
});

const listed = (values: readonly string[]): string =>
  values.length === 0
    ? '(none)'
    : values.map((value) => printableValue(value)).join(', ');

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value, index) => value === b[index]);

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

  return table.values.flatMap((value) => {
    const reason = malformedReason(value);
    return reason === undefined
      ? []
      : [
          finding(
            FindingCode.malformedValue,
            `row "${printableValue(value)}" is ${reason}`,
            { observed: [value] }
          ),
        ];
  });
};

/**
 * Compares one observation with the newest attestation of its target.
 * Pure: the same inputs always give the same verdict.
 */
const judge = (
  observation: Observation,
  attestation: Attestation | undefined
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
  if (attestation === undefined) {
    const summary = `no recorded deploy; table holds ${listed(observed)}`;
    return {
      ...base,
      status: VerdictStatus.unattested,
      findings: [finding(FindingCode.noAttestation, summary, { observed })],
    };
  }

  const expected = canonicalHeads(attestation.heads);
  if (sameSet(expected, observed)) {
    return { ...base, status: VerdictStatus.ok, findings: [] };
  }

  const summary = `expected ${listed(expected)}, found ${listed(observed)}`;
  return {
    ...base,
    status: VerdictStatus.mismatch,
    findings: [
      finding(FindingCode.versionMismatch, summary, { expected, observed }),
    ],
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

export { judge, unchecked };
