import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { judge } from '../../lambdas/core/compare.js';
import { withHiddenPassword } from '../../lambdas/core/credentials.js';
import { FindingCode } from '../../lambdas/core/findings.js';
import { targetSchema } from '../../lambdas/core/target.js';
import { postgresReader } from '../../lambdas/io/version-table.js';
import { freshDatabase, superuserClient } from '../support/servers.js';

const PASSWORD = 'Unusual-Reader-Pa55';
const HEAD = '9e7b6a5d4c38';
let admin: pg.Client;
let database: string;

const check = async (versionTable: string, evidence: boolean) => {
  const target = targetSchema.parse({
    id: 'unusual',
    secretId: 'unused',
    tls: 'disable',
    versionTable,
  });
  const read = await postgresReader(undefined, { evidence })(
    target,
    withHiddenPassword(
      {
        host: '127.0.0.1',
        port: inject('pgPort'),
        database,
        username: 'unusual_reader',
      },
      PASSWORD
    )
  );
  const attestation = {
    targetId: 'unusual',
    sequence: 1,
    heads: [HEAD],
    deployId: 'd-1',
    recordedAt: '2026-12-04T09:00:00.000Z',
  };
  const observation = { targetId: 'unusual', observedAt: 'now', table: read };
  return judge(observation, attestation).findings.map((f) => f.code);
};

beforeAll(async () => {
  const db = await freshDatabase('unusual_table');
  database = db.database;
  admin = await superuserClient(database);
  await admin.query(`create role unusual_reader login password '${PASSWORD}'`);
  await admin.query(
    'create table alembic_version (version_num varchar(32) primary key)'
  );
  await admin.query('insert into alembic_version values ($1), ($2)', [
    HEAD,
    '1f0a9c2e7b41',
  ]);
  await admin.query('grant select on alembic_version to unusual_reader');
});

afterAll(async () => {
  await admin?.end();
});

describe('Reader and judge: a version table that can lie per login', () => {
  it.each([false, true])(
    'reports row-level security that hides rows from the verifier (evidence %s)',
    async (evidence) => {
      await admin.query(
        'alter table alembic_version enable row level security'
      );
      await admin.query(
        `create policy only_head on alembic_version for select
         to unusual_reader using (version_num = '${HEAD}')`
      );

      try {
        const codes = await check('alembic_version', evidence);

        expect(codes).toContain(FindingCode.unusualVersionTable);
      } finally {
        await admin.query('drop policy only_head on alembic_version');
        await admin.query(
          'alter table alembic_version disable row level security'
        );
      }
    }
  );

  it('reports a view standing in for the version table', async () => {
    await admin.query(
      `create view version_view as select '${HEAD}'::text as version_num`
    );
    await admin.query('grant select on version_view to unusual_reader');

    const codes = await check('version_view', false);

    expect(codes).toEqual([FindingCode.unusualVersionTable]);
  });

  it('reports nothing unusual for a plain table', async () => {
    await admin.query('delete from alembic_version where version_num <> $1', [
      HEAD,
    ]);

    expect(await check('alembic_version', true)).toEqual([]);
  });
});
