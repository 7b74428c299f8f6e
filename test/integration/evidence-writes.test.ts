import type pg from 'pg';
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  inject,
  it,
} from 'vitest';
import type { Attestation } from '../../lambdas/core/attestation.js';
import { judge } from '../../lambdas/core/compare.js';
import { withHiddenPassword } from '../../lambdas/core/credentials.js';
import {
  attestedEvidence,
  evidenceOf,
} from '../../lambdas/core/evidence/database-evidence.js';
import { FindingCode } from '../../lambdas/core/findings.js';
import type { VersionTableRead } from '../../lambdas/core/observation.js';
import { targetSchema } from '../../lambdas/core/target.js';
import { VerdictStatus } from '../../lambdas/core/verdict.js';
import { postgresReader } from '../../lambdas/io/version-table.js';
import {
  freshDatabase,
  superuserClient,
  uniqueName,
} from '../support/servers.js';

const HEAD = '9e7b6a5d4c38';
const OTHER = '1f0a9c2e7b41';
const PASSWORD = 'Evidence-Reader-Pa55';
const read = postgresReader(
  { connectMillis: 3_000, statementMillis: 3_000, lockMillis: 1_000 },
  { evidence: true }
);
const target = targetSchema.parse({
  id: 'shop',
  secretId: 'unused',
  tls: 'disable',
});

let admin: pg.Client;
let readerLogin: ReturnType<typeof withHiddenPassword>;

/**
 * Makes this session hand its pending statistics over now: an open
 * session otherwise holds back up to its last second of counts.
 */
const settle = async () => {
  await admin.query('select pg_stat_force_next_flush()');
};

const readNow = async (): Promise<VersionTableRead> => {
  await settle();
  return read(target, readerLogin);
};

/** What the recorder would append after reading the database now. */
const recordNow = async (): Promise<Attestation> => ({
  targetId: 'shop',
  sequence: 1,
  heads: [HEAD],
  deployId: 'deploy-1',
  recordedAt: '2026-12-04T09:00:00.000Z',
  ...attestedEvidence(await readNow()),
});

const checkAgainst = async (attestation: Attestation) =>
  judge(
    {
      targetId: 'shop',
      observedAt: '2026-12-04T10:00:00.000Z',
      table: await readNow(),
    },
    attestation
  );

const codes = (verdict: ReturnType<typeof judge>) =>
  verdict.findings.map((finding) => finding.code);

beforeAll(async () => {
  const db = await freshDatabase('evidence_writes');
  admin = await superuserClient(db.database);
  const role = uniqueName('ev_reader');
  await admin.query(`create role ${role} login password '${PASSWORD}'`);
  readerLogin = withHiddenPassword(
    {
      host: '127.0.0.1',
      port: inject('pgPort'),
      database: db.database,
      username: role,
    },
    PASSWORD
  );
  await admin.query(
    `alter default privileges grant select on tables to ${role}`
  );
});

afterAll(async () => {
  await admin?.end();
});

beforeEach(async () => {
  await admin.query('drop table if exists alembic_version');
  await admin.query(
    'create table alembic_version (version_num varchar(32) not null, ' +
      'constraint alembic_version_pkc primary key (version_num))'
  );
  await admin.query('insert into alembic_version values ($1)', [HEAD]);
});

describe('Write evidence on PostgreSQL (reader with SELECT only)', () => {
  it('reads xmin, oid, relfilenode and counters with SELECT alone', async () => {
    const writes = evidenceOf(await readNow())?.writes;

    expect(writes).toMatchObject({
      rows: [{ value: HEAD, xmin: expect.stringMatching(/^\d+$/) }],
      tableOid: expect.stringMatching(/^\d+$/),
      relfilenode: expect.stringMatching(/^\d+$/),
      counters: { inserted: 1, updated: 0, deleted: 0, hotUpdated: 0 },
    });
  });

  it('returns OK when nothing was written between record and check', async () => {
    const attestation = await recordNow();

    expect((await checkAgainst(attestation)).status).toBe(VerdictStatus.ok);
  });

  it('returns ROW_REWRITTEN after an UPDATE to the same value', async () => {
    const attestation = await recordNow();
    await admin.query('update alembic_version set version_num = version_num');

    const verdict = await checkAgainst(attestation);

    expect(codes(verdict)).toEqual([FindingCode.rowRewritten]);
    expect(verdict.findings[0]?.summary).toContain('statistics count 1 update');
  });

  it('returns ROW_REWRITTEN after an UPDATE away and back between checks', async () => {
    const attestation = await recordNow();
    await admin.query('update alembic_version set version_num = $1', [OTHER]);
    const between = await checkAgainst(attestation);
    await admin.query('update alembic_version set version_num = $1', [HEAD]);

    const verdict = await checkAgainst(attestation);

    expect(codes(between)).toEqual([FindingCode.versionMismatch]);
    expect(codes(verdict)).toEqual([FindingCode.rowRewritten]);
  });

  it('returns ROW_REWRITTEN after DELETE and INSERT of the same value', async () => {
    const attestation = await recordNow();
    await admin.query('delete from alembic_version');
    await admin.query('insert into alembic_version values ($1)', [HEAD]);

    expect(codes(await checkAgainst(attestation))).toEqual([
      FindingCode.rowRewritten,
    ]);
  });

  it('returns OK after VACUUM FULL, which moves the table to a new file', async () => {
    const attestation = await recordNow();
    await admin.query('vacuum full alembic_version');

    const after = evidenceOf(await readNow())?.writes;
    const verdict = await checkAgainst(attestation);

    expect(after?.relfilenode).not.toBe(attestation.writes?.relfilenode);
    expect(after?.rows).toEqual(attestation.writes?.rows);
    expect(verdict.status).toBe(VerdictStatus.ok);
  });

  it('returns OK after CLUSTER', async () => {
    const attestation = await recordNow();
    await admin.query('cluster alembic_version using alembic_version_pkc');

    expect((await checkAgainst(attestation)).status).toBe(VerdictStatus.ok);
  });

  it('returns OK after VACUUM FREEZE, whose frozen rows keep their xmin', async () => {
    const attestation = await recordNow();
    await admin.query('vacuum (freeze) alembic_version');

    const frozen = await admin.query(
      `select xmin::text as xmin from alembic_version`
    );
    expect(frozen.rows[0]?.xmin).toBe(attestation.writes?.rows[0]?.xmin);
    expect((await checkAgainst(attestation)).status).toBe(VerdictStatus.ok);
  });

  it('returns OK after pg_stat_reset() lowers the counters', async () => {
    const attestation = await recordNow();
    await admin.query('select pg_stat_reset()');

    const after = evidenceOf(await readNow())?.writes;
    const verdict = await checkAgainst(attestation);

    expect(after?.counters.inserted).toBe(0);
    expect(after?.statsResetAt).not.toBe(attestation.writes?.statsResetAt);
    expect(verdict.status).toBe(VerdictStatus.ok);
  });

  it('still returns ROW_REWRITTEN when counters were reset to hide a write', async () => {
    const attestation = await recordNow();
    await admin.query('update alembic_version set version_num = version_num');
    await settle();
    await admin.query(
      `select pg_stat_reset_single_table_counters('alembic_version'::regclass)`
    );

    const verdict = await checkAgainst(attestation);

    expect(codes(verdict)).toEqual([FindingCode.rowRewritten]);
    expect(verdict.findings[0]?.summary).toContain('statistics were reset');
  });

  it('returns TABLE_REPLACED, saying restored or rewritten, after drop and create', async () => {
    const attestation = await recordNow();
    await admin.query('drop table alembic_version');
    await admin.query(
      'create table alembic_version (version_num varchar(32) not null, ' +
        'constraint alembic_version_pkc primary key (version_num))'
    );
    await admin.query('insert into alembic_version values ($1)', [HEAD]);

    const verdict = await checkAgainst(attestation);

    expect(codes(verdict)).toEqual([FindingCode.tableReplaced]);
    expect(verdict.findings[0]?.summary).toContain('restored or rewritten');
  });

  it('returns WRITES_COUNTED when a row was added and removed again', async () => {
    const attestation = await recordNow();
    await admin.query('insert into alembic_version values ($1)', [OTHER]);
    await admin.query('delete from alembic_version where version_num = $1', [
      OTHER,
    ]);

    const verdict = await checkAgainst(attestation);

    expect(codes(verdict)).toEqual([FindingCode.writesCounted]);
    expect(verdict.findings[0]?.observed).toEqual(['1 insert', '1 delete']);
  });

  it('returns WRITES_COUNTED when an UPDATE was rolled back', async () => {
    const attestation = await recordNow();
    await admin.query('begin');
    await admin.query('update alembic_version set version_num = $1', [OTHER]);
    await admin.query('rollback');

    expect(codes(await checkAgainst(attestation))).toEqual([
      FindingCode.writesCounted,
    ]);
  });
});
