import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type DatabaseCredentials,
  withHiddenPassword,
} from '../../lambdas/core/credentials.js';
import {
  DatabaseFailureReason,
  DatabaseUnavailableError,
} from '../../lambdas/core/errors.js';
import { type TargetInput, targetSchema } from '../../lambdas/core/target.js';
import { postgresReader } from '../../lambdas/io/version-table.js';
import {
  type FreshDatabase,
  freshDatabase,
  superuserClient,
} from '../support/servers.js';

const READER_PASSWORD = 'reader-Pa55-integration';
const read = postgresReader({
  connectMillis: 3_000,
  statementMillis: 2_000,
  lockMillis: 1_000,
});

let db: FreshDatabase;
let admin: pg.Client;
let reader: DatabaseCredentials;

const target = (input: Partial<TargetInput> = {}) =>
  targetSchema.parse({
    id: 'integration',
    secretId: 'unused',
    tls: 'disable',
    ...input,
  });

const readerAs = (password: string, port?: number): DatabaseCredentials =>
  withHiddenPassword(
    {
      host: '127.0.0.1',
      port: port ?? inject('pgPort'),
      database: db.database,
      username: 'sentinel_reader',
    },
    password
  );

const versionTable = async (qualified: string, values: string[]) => {
  await admin.query(`drop table if exists ${qualified}`);
  await admin.query(`create table ${qualified} (version_num text not null)`);
  for (const value of values) {
    await admin.query(`insert into ${qualified} values ($1)`, [value]);
  }
  await admin.query(`grant select on ${qualified} to sentinel_reader`);
};

beforeAll(async () => {
  db = await freshDatabase('version_table');
  admin = await superuserClient(db.database);
  await admin.query(
    `do $$ begin
       if not exists (select from pg_roles where rolname = 'sentinel_reader')
       then create role sentinel_reader login password '${READER_PASSWORD}';
       end if;
     end $$`
  );
  await admin.query(
    `grant connect on database ${db.database} to sentinel_reader`
  );
  reader = readerAs(READER_PASSWORD);
});

afterAll(async () => {
  await admin?.end();
});

describe('Function: postgresReader', () => {
  it('returns missing when the table does not exist', async () => {
    const result = await read(target({ versionTable: 'nowhere' }), reader);

    expect(result).toEqual({ kind: 'missing', foundInSchemas: [] });
  });

  it('returns missing with the schemas that do hold such a table', async () => {
    await admin.query('create schema if not exists legacy');
    await admin.query('grant usage on schema legacy to sentinel_reader');
    await versionTable('legacy.alembic_version', ['aaa']);

    const result = await read(target({ schema: 'public' }), reader);

    expect(result).toEqual({ kind: 'missing', foundInSchemas: ['legacy'] });
  });

  it('returns no rows for an empty table', async () => {
    await versionTable('public.alembic_version', []);

    expect(await read(target(), reader)).toEqual({ kind: 'rows', values: [] });
  });

  it('returns one row per head', async () => {
    await versionTable('public.alembic_version', ['aaa', 'bbb']);

    const result = await read(target(), reader);

    expect(result.kind).toBe('rows');
    expect(result.kind === 'rows' && [...result.values].sort()).toEqual([
      'aaa',
      'bbb',
    ]);
  });

  it('returns malformed values exactly as stored', async () => {
    const values = ['', ' padded ', 'bell\u0007', 'x'.repeat(300)];
    await versionTable('public.alembic_version', values);

    const result = await read(target(), reader);

    expect(result.kind === 'rows' && [...result.values].sort()).toEqual(
      [...values].sort()
    );
  });

  it('reads identifiers with quotes, spaces and upper case', async () => {
    const schema = 'Tenant "A" Schema';
    const table = 'Version Table';
    await admin.query('create schema if not exists "Tenant ""A"" Schema"');
    await admin.query(
      'grant usage on schema "Tenant ""A"" Schema" to sentinel_reader'
    );
    await versionTable('"Tenant ""A"" Schema"."Version Table"', ['ccc']);

    const result = await read(target({ schema, versionTable: table }), reader);

    expect(result).toEqual({ kind: 'rows', values: ['ccc'] });
  });

  it('treats a table name written as SQL as data, not as SQL', async () => {
    await admin.query('create table if not exists canary (id int)');
    const hostile = 'alembic_version; drop table canary; --';

    const result = await read(target({ versionTable: hostile }), reader);

    expect(result.kind).toBe('missing');
    const canary = await admin.query("select to_regclass('canary') as oid");
    expect(canary.rows[0]?.oid).not.toBeNull();
  });

  it('cannot write even through a view whose function writes', async () => {
    await admin.query('create table if not exists side_effects (n int)');
    await admin.query(
      `create or replace function leak() returns text language plpgsql
       security definer as $$
       begin insert into side_effects values (1); return 'aaa'; end $$`
    );
    await admin.query('drop table if exists public.alembic_version');
    await admin.query(
      'create or replace view trap_version as select leak() as version_num'
    );
    await admin.query('grant select on trap_version to sentinel_reader');

    const act = read(target({ versionTable: 'trap_version' }), reader);

    await expect(act).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const written = await admin.query(
      'select count(*)::int as n from side_effects'
    );
    expect(written.rows[0]?.n).toBe(0);
  });

  it('gives up with reason lock while another transaction holds the table', async () => {
    await versionTable('public.alembic_version', ['aaa']);
    const locker = await superuserClient(db.database);
    await locker.query('begin');
    await locker.query(
      'lock table public.alembic_version in access exclusive mode'
    );

    try {
      const act = read(target(), reader);

      await expect(act).rejects.toMatchObject({
        name: 'DatabaseUnavailableError',
        reason: DatabaseFailureReason.lock,
      });
    } finally {
      await locker.query('rollback');
      await locker.end();
    }
  });

  it('fails with reason authentication for a wrong password', async () => {
    const act = read(target(), readerAs('wrong-password'));

    await expect(act).rejects.toMatchObject({
      reason: DatabaseFailureReason.authentication,
      message: expect.stringMatching(/authentication failed \[28P01\]/),
    });
    await expect(act).rejects.not.toThrow(/wrong-password/);
  });

  it('fails with reason connect when nothing listens on the port', async () => {
    const act = read(target(), readerAs(READER_PASSWORD, 1));

    await expect(act).rejects.toMatchObject({
      reason: DatabaseFailureReason.connect,
      message: expect.stringContaining('could not connect'),
    });
  });

  it('fails with reason tls naming the setting when the server has no TLS', async () => {
    const act = read(target({ tls: 'verify-full' }), reader);

    await expect(act).rejects.toMatchObject({
      reason: DatabaseFailureReason.tls,
      message: expect.stringContaining("check the target's tls setting"),
    });
  });
});
