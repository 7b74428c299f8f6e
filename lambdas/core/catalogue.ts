import { FindingCode, type FindingDefinition, Severity } from './findings.js';

/**
 * What every finding code means and what the on-call person does first.
 * docs/findings.md is generated from the same words; keep them in step.
 */
const CATALOGUE: Readonly<Record<FindingCode, FindingDefinition>> = {
  [FindingCode.versionMismatch]: {
    severity: Severity.critical,
    title: 'version table differs from the last recorded deploy',
    scenario: 'rollback, skip-forward, rewind, forced state (1-4)',
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
    scenario: 'setup gap: nothing to compare with',
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
    scenario: 'hidden state, denial of service (5)',
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
    scenario: 'rewind: every migration re-runs (3)',
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
    scenario: 'garbage value, denial of service (5)',
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
    scenario: 'fail closed: outage, revoked access, lock',
    meaning:
      'The verifier could not read the database (network, credentials, ' +
      'timeout or lock). It fails closed: this is not a pass.',
    firstSteps: [
      'Check the database is up and reachable from the verifier.',
      'Check the secret still holds working credentials.',
      'A lock (55P03) that outlives a deploy is suspicious: see pg_locks.',
    ],
  },
  [FindingCode.rolledBack]: {
    severity: Severity.critical,
    title: 'version table rolled back below the recorded deploy',
    scenario: 'rollback below a fix (1), rewind to re-run (3)',
    meaning:
      'alembic_version points at an older revision than the pipeline ' +
      'recorded. The next alembic upgrade would run the listed migrations ' +
      'a second time, against a schema that already has them.',
    firstSteps: [
      'Block deploys to this database: the next upgrade re-runs migrations.',
      'Check the schema still has the listed migrations applied.',
      'Restore the recorded heads with alembic stamp, after review.',
    ],
  },
  [FindingCode.skippedForward]: {
    severity: Severity.critical,
    title: 'version table claims revisions never recorded as applied',
    scenario: 'mark a migration applied that never ran (2)',
    meaning:
      'alembic_version points past the recorded deploy. Unless a deploy ran ' +
      'without its record step, the listed migrations (a security fix, ' +
      'perhaps) were stamped, not run.',
    firstSteps: [
      'Check whether a deploy ran without the record step.',
      'If not, check the schema for each listed migration: it may be absent.',
      'Treat the database credentials as compromised: rotate them.',
    ],
  },
  [FindingCode.unknownRevision]: {
    severity: Severity.critical,
    title: 'version table names a revision no migration script has',
    scenario: 'forced state (4), garbage that blocks deploys (5)',
    meaning:
      'The value is well formed but matches no script of the recorded ' +
      'manifest: a build newer than the last record, or a forged value.',
    firstSteps: [
      'Check whether a newer build deployed without the record step.',
      'If not, every alembic command will fail: restore the recorded heads.',
      'Find who wrote the value in the database audit log.',
    ],
  },
  [FindingCode.sideways]: {
    severity: Severity.critical,
    title: 'version table moved to another branch',
    scenario: 'forced state the schema does not match (4)',
    meaning:
      'alembic_version points at a revision on a branch that is neither ' +
      'before nor after the recorded heads; the schema cannot match it.',
    firstSteps: [
      'Block deploys to this database until the state is understood.',
      'Compare the schema with the recorded heads.',
      'Restore the recorded heads with alembic stamp, after review.',
    ],
  },
  [FindingCode.partialHeads]: {
    severity: Severity.high,
    title: 'one branch of a multi-head graph lags or moved',
    scenario: 'rollback (1) or skip (2) on one branch',
    meaning:
      'Some recorded heads are in place and others are not: one branch ' +
      'was rolled back or moved while the rest stayed. The summary names ' +
      'the lagging branch and what the next upgrade would run again.',
    firstSteps: [
      'Read which branch lags and by how many revisions.',
      'Check whether a partial deploy failed half-way.',
      'Restore the recorded heads with alembic stamp, after review.',
    ],
  },
  [FindingCode.duplicateRows]: {
    severity: Severity.high,
    title: 'version table holds the same revision twice',
    scenario: 'garbage that blocks deploys (5)',
    meaning:
      'Alembic keeps one row per head under a primary key; a duplicate ' +
      'means the key was dropped and rows written by hand.',
    firstSteps: [
      'Check the primary key of alembic_version still exists.',
      'Restore one row per recorded head, after review.',
      'Find who altered the table in the database audit log.',
    ],
  },
  [FindingCode.extraRows]: {
    severity: Severity.high,
    title: 'version table has rows beyond the recorded heads',
    scenario: 'forced state (4), rewind of one branch (3)',
    meaning:
      'The table holds rows Alembic never writes, such as a revision next ' +
      'to one that comes after it; the next upgrade may re-run or refuse ' +
      'migrations.',
    firstSteps: [
      'List the extra rows and where they sit in the graph.',
      'Remove them with alembic stamp to the recorded heads, after review.',
      'Find who wrote them in the database audit log.',
    ],
  },
  [FindingCode.unusualVersionTable]: {
    severity: Severity.high,
    title: 'version table can show different logins different rows',
    scenario: 'forced state hidden from the witness (1-4)',
    meaning:
      'alembic_version is a view or foreign table, or has row-level ' +
      'security. The migration role and the verifier may then see ' +
      'different versions, and this check cannot vouch for what Alembic sees.',
    firstSteps: [
      'Compare `alembic current` as the migration role with the verifier.',
      'Recreate alembic_version as a plain table without row security.',
      'Find who changed it in the database audit log.',
    ],
  },
  [FindingCode.windowExpired]: {
    severity: Severity.high,
    title: 'deploy window expired without a recorded completion',
    scenario: 'deploy gap: a migration may be half-applied',
    meaning:
      'A pipeline opened a deploy window, and neither its completion nor ' +
      'any later deploy was recorded before the window expired.',
    firstSteps: [
      'Check the pipeline run that opened the window: did it fail?',
      'If the deploy completed, record it with its deploy id.',
      'If not, restore the old heads after review and record them: any ' +
        'record newer than the window closes it.',
    ],
  },
  [FindingCode.rowRewritten]: {
    severity: Severity.high,
    title: 'version row was written since the last recorded deploy',
    scenario: 'rollback, skip or rewind put back between checks (1-3)',
    meaning:
      'The version table holds the recorded heads, but a row was written ' +
      'after the deploy was recorded (its xmin changed): set to the same ' +
      'value, changed and put back between checks, or the table was ' +
      'restored or rewritten from a logical dump.',
    firstSteps: [
      'Check whether a deploy or restore ran without the record step.',
      'If not, find the writer in the audit log and rotate its credentials.',
      'Compare the schema with the recorded revision before any upgrade.',
    ],
  },
  [FindingCode.tableReplaced]: {
    severity: Severity.high,
    title: 'version table was dropped and created again',
    scenario: 'forced state hidden by re-creating the table (1-4)',
    meaning:
      'The version table is a different table (new oid) than at the ' +
      'recorded deploy: it was dropped and created again, or the database ' +
      'was restored or rewritten (pg_restore, logical replication copy).',
    firstSteps: [
      'Check whether a restore or a logical-copy upgrade ran.',
      'If so, verify the schema, then record the deploy again.',
      'If not, find who dropped the table in the audit log.',
    ],
  },
  [FindingCode.writesCounted]: {
    severity: Severity.medium,
    title: 'writes to the version table were counted since the deploy',
    scenario: 'rows added and removed between checks (1-3)',
    meaning:
      "PostgreSQL's statistics count inserts, updates or deletes on the " +
      'version table since the deploy was recorded, though its rows are ' +
      'unchanged: a row was added and removed again, or a write attempt ' +
      'was rolled back.',
    firstSteps: [
      'Check whether an Alembic command ran against this database.',
      'Find the writer in the audit log (log_statement = mod).',
      'Record the deploy again only once the writes are explained.',
    ],
  },
  [FindingCode.schemaDrift]: {
    severity: Severity.high,
    title: 'schema differs from the one recorded at the last deploy',
    scenario: 'fix undone by DDL (1), schema unlike the version (2, 4)',
    meaning:
      'Tables, columns, indexes, functions or other objects differ from ' +
      'the recorded deploy: DDL ran outside a migration, or a migration ' +
      'was skipped or undone while the version value was made to match.',
    firstSteps: [
      'Read which objects were added, removed or changed.',
      'Check whether a migration ran without the record step.',
      'If not, find the DDL in the audit log (log_statement = ddl).',
    ],
  },
  [FindingCode.unexpectedWriter]: {
    severity: Severity.medium,
    title: 'a role outside the allowlist can write the version table',
    scenario: 'the write access every scenario needs (1-5)',
    meaning:
      'A role not named in allowedWriters can INSERT, UPDATE, DELETE or ' +
      'TRUNCATE the version table: by a grant, through PUBLIC, through ' +
      'role membership, by owning it, or as a superuser.',
    firstSteps: [
      'Revoke the privilege, or the membership that carries it.',
      'If the role is meant to write, add it to allowedWriters.',
      'Check the audit log for writes made with that role.',
    ],
  },
  [FindingCode.verifierCanWrite]: {
    severity: Severity.medium,
    title: "the verifier's login can write to the database",
    scenario: 'leaked verifier credentials enable every scenario (1-5)',
    meaning:
      'The login the verifier uses can write a table or sequence, create ' +
      'objects, or is a superuser, itself or through a role it belongs ' +
      'to. Leaked verifier credentials would then allow tampering.',
    firstSteps: [
      'Give the verifier its own login with SELECT on the version table.',
      'Revoke the named privileges or memberships from that login.',
      'Rotate the secret if it was ever shared with a writing role.',
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
