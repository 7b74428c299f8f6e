import { FindingCode, type FindingDefinition, Severity } from './findings.js';

/**
 * What every finding code means and what the on-call person does first.
 * docs/findings.md is generated from the same words; keep them in step.
 */
const CATALOGUE: Readonly<Record<FindingCode, FindingDefinition>> = {
  [FindingCode.versionMismatch]: {
    severity: Severity.critical,
    title: 'version table differs from the last recorded deploy',
    meaning:
      'alembic_version holds other revisions than the pipeline recorded. ' +
      'Someone rolled it back below a fix, stamped a revision that never ' +
      'ran, or deployed without recording.',
    firstSteps: [
      'Check whether a deploy ran without the record step.',
      'If not, treat the database credentials as compromised: rotate them.',
      'Compare the schema with the expected revision before any upgrade.',
    ],
  },
  [FindingCode.noAttestation]: {
    severity: Severity.medium,
    title: 'no deploy has been recorded for this target',
    meaning:
      'The verifier has nothing to compare with: no recorder run has ' +
      'appended an attestation for this target yet.',
    firstSteps: [
      'Add the record step after alembic upgrade in the pipeline.',
      'Or record the current state once by hand after checking it.',
    ],
  },
  [FindingCode.tableMissing]: {
    severity: Severity.critical,
    title: 'version table is missing',
    meaning:
      'The configured version table does not exist. It was dropped, ' +
      'renamed, or the target names the wrong schema or database.',
    firstSteps: [
      'Confirm the target configuration (database, schema, versionTable).',
      'If it was dropped, restore it from the recorded heads, not by hand.',
      'Find who dropped it in the database audit log.',
    ],
  },
  [FindingCode.tableEmpty]: {
    severity: Severity.critical,
    title: 'version table is empty',
    meaning:
      'alembic_version has no rows, so the next alembic upgrade would run ' +
      'every migration from the start against a live schema.',
    firstSteps: [
      'Block deploys to this database until the table is restored.',
      'Restore the recorded heads with alembic stamp, after review.',
      'Find who deleted the rows in the database audit log.',
    ],
  },
  [FindingCode.malformedValue]: {
    severity: Severity.high,
    title: 'version table holds a value no revision can have',
    meaning:
      'A row is empty, padded with spaces, non-printable or over-long. ' +
      'Every alembic command against this database will fail.',
    firstSteps: [
      'Block deploys to this database until the value is corrected.',
      'Restore the recorded heads with alembic stamp, after review.',
      'Find who wrote the value in the database audit log.',
    ],
  },
  [FindingCode.couldNotCheck]: {
    severity: Severity.high,
    title: 'could not check the version table',
    meaning:
      'The verifier could not read the database (network, credentials, ' +
      'timeout or lock). It fails closed: this is not a pass.',
    firstSteps: [
      'Check the database is up and reachable from the verifier.',
      'Check the secret still holds working credentials.',
      'A lock on alembic_version that outlives a deploy is suspicious.',
    ],
  },
};

/**
 * Where alerts point for the finding table. Deployments set their own
 * published copy through `SENTINEL_DOCS_URL`.
 */
const DEFAULT_FINDINGS_DOCS = 'docs/findings.md';

/** The docs row of a finding code, for alert bodies. */
const findingDocsUrl = (
  code: FindingCode,
  docsUrl: string = DEFAULT_FINDINGS_DOCS
): string => `${docsUrl}#${code.toLowerCase().replaceAll('_', '-')}`;

export { CATALOGUE, DEFAULT_FINDINGS_DOCS, findingDocsUrl };
