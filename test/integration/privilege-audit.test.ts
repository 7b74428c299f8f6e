import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { judge } from '../../lambdas/core/compare.js';
import {
  type DatabaseCredentials,
  withHiddenPassword,
} from '../../lambdas/core/credentials.js';
import { evidenceOf } from '../../lambdas/core/evidence/database-evidence.js';
import { FindingCode } from '../../lambdas/core/findings.js';
import { WriterPath } from '../../lambdas/core/privileges/privilege-audit.js';
import { type TargetInput, targetSchema } from '../../lambdas/core/target.js';
import { postgresReader } from '../../lambdas/io/version-table.js';
import {
  freshDatabase,
  superuserClient,
  uniqueName,
} from '../support/servers.js';

const HEAD = '9e7b6a5d4c38';
const PASSWORD = 'Privilege-Audit-Pa55';
const read = postgresReader(undefined, { evidence: true });

let admin: pg.Client;
let database: string;
let migrator: string;
let app: string;
let reader: string;

const loginOf = (username: string): DatabaseCredentials =>
  withHiddenPassword(
    { host: '127.0.0.1', port: inject('pgPort'), database, username },
    PASSWORD
  );

const createLogin = async (prefix: string): Promise<string> => {
  const role = uniqueName(prefix);
  await admin.query(`create role ${role} login password '${PASSWORD}'`);
  await admin.query(`grant select on alembic_version to ${role}`);
  return role;
};

const check = async (
  input: Partial<TargetInput> = {},
  login: string = reader
) => {
  const target = targetSchema.parse({
    id: 'shop',
    secretId: 'unused',
    tls: 'disable',
    allowedWriters: ['postgres', migrator],
    ...input,
  });
  const table = await read(target, loginOf(login));
  const verdict = judge(
    { targetId: 'shop', observedAt: '2026-12-04T10:00:00.000Z', table },
    undefined
  );
  return { verdict, audit: evidenceOf(table)?.privileges };
};

const finding = (
  verdict: ReturnType<typeof judge>,
  code: (typeof FindingCode)[keyof typeof FindingCode]
) => verdict.findings.find((each) => each.code === code);

beforeAll(async () => {
  const db = await freshDatabase('privilege_audit');
  database = db.database;
  admin = await superuserClient(database);
  migrator = uniqueName('migrator');
  await admin.query(`create role ${migrator} login password '${PASSWORD}'`);
  await admin.query(`grant create on schema public to ${migrator}`);
  await admin.query(`set role ${migrator}`);
  await admin.query(
    'create table alembic_version (version_num varchar(32) primary key)'
  );
  await admin.query('insert into alembic_version values ($1)', [HEAD]);
  await admin.query('create table accounts (id int)');
  await admin.query('reset role');
  app = await createLogin('app');
  reader = await createLogin('verifier');
});

afterAll(async () => {
  await admin?.end();
});

describe('Privilege audit on PostgreSQL', () => {
  it('finds the owner and superusers as writers, and no finding when allowed', async () => {
    const { verdict, audit } = await check();

    expect(audit?.writers).toEqual(
      expect.arrayContaining([
        {
          role: migrator,
          privileges: ['DELETE', 'INSERT', 'TRUNCATE', 'UPDATE'],
          via: [WriterPath.owner],
        },
        expect.objectContaining({
          role: 'postgres',
          via: expect.arrayContaining([WriterPath.superuser]),
        }),
      ])
    );
    expect(finding(verdict, FindingCode.unexpectedWriter)).toBeUndefined();
  });

  it('returns UNEXPECTED_WRITER after GRANT UPDATE to an application role, and none after REVOKE', async () => {
    await admin.query(`grant update on alembic_version to ${app}`);
    const granted = await check();
    await admin.query(`revoke update on alembic_version from ${app}`);
    const revoked = await check();

    expect(
      finding(granted.verdict, FindingCode.unexpectedWriter)
    ).toMatchObject({
      summary: expect.stringContaining(
        `${app} can UPDATE (${WriterPath.grant})`
      ),
      observed: [app],
    });
    expect(
      finding(revoked.verdict, FindingCode.unexpectedWriter)
    ).toBeUndefined();
  });

  it('names PUBLIC once rather than every role when PUBLIC may write', async () => {
    await admin.query('grant insert on alembic_version to public');
    try {
      const { verdict } = await check();

      expect(finding(verdict, FindingCode.unexpectedWriter)?.observed).toEqual([
        'PUBLIC',
      ]);
    } finally {
      await admin.query('revoke insert on alembic_version from public');
    }
  });

  it('names a group role and its members when the privilege comes by membership', async () => {
    const group = uniqueName('writers');
    await admin.query(`create role ${group} nologin`);
    await admin.query(`grant delete on alembic_version to ${group}`);
    await admin.query(`grant ${group} to ${app}`);
    try {
      const { audit } = await check();

      expect(audit?.writers).toEqual(
        expect.arrayContaining([
          { role: group, privileges: ['DELETE'], via: [WriterPath.grant] },
          { role: app, privileges: ['DELETE'], via: [WriterPath.membership] },
        ])
      );
    } finally {
      await admin.query(`drop owned by ${group}`);
      await admin.query(`drop role ${group}`);
    }
  });

  it('audits nothing against a list when allowedWriters is not configured', async () => {
    await admin.query(`grant update on alembic_version to ${app}`);
    try {
      const { verdict } = await check({ allowedWriters: undefined });

      expect(finding(verdict, FindingCode.unexpectedWriter)).toBeUndefined();
    } finally {
      await admin.query(`revoke update on alembic_version from ${app}`);
    }
  });

  it('returns no VERIFIER_CAN_WRITE for a login with SELECT only', async () => {
    const { verdict, audit } = await check();

    expect(audit?.login).toBe(reader);
    expect(audit?.loginCanWrite).toEqual([]);
    expect(finding(verdict, FindingCode.verifierCanWrite)).toBeUndefined();
  });

  it('returns VERIFIER_CAN_WRITE when the login may create in a schema', async () => {
    await admin.query(`grant create on schema public to ${reader}`);
    try {
      const { verdict } = await check();

      expect(finding(verdict, FindingCode.verifierCanWrite)?.observed).toEqual([
        'CREATE on schema public',
      ]);
    } finally {
      await admin.query(`revoke create on schema public from ${reader}`);
    }
  });

  it('returns VERIFIER_CAN_WRITE when a role the login belongs to can write a table', async () => {
    const group = uniqueName('noinherit');
    await admin.query(`create role ${group} nologin`);
    await admin.query(`grant insert, update on accounts to ${group}`);
    await admin.query(`alter role ${reader} noinherit`);
    await admin.query(`grant ${group} to ${reader}`);
    try {
      const { verdict } = await check();

      expect(finding(verdict, FindingCode.verifierCanWrite)?.observed).toEqual([
        'INSERT/UPDATE on public.accounts',
      ]);
    } finally {
      await admin.query(`alter role ${reader} inherit`);
      await admin.query(`drop owned by ${group}`);
      await admin.query(`drop role ${group}`);
    }
  });

  it('returns VERIFIER_CAN_WRITE for the migration login, which owns tables', async () => {
    const { verdict } = await check({}, migrator);

    expect(finding(verdict, FindingCode.verifierCanWrite)?.observed).toEqual([
      'CREATE on schema public',
      'DELETE/INSERT/TRUNCATE/UPDATE on public.accounts',
      'DELETE/INSERT/TRUNCATE/UPDATE on public.alembic_version',
    ]);
  });

  it('returns VERIFIER_CAN_WRITE naming superuser first for a superuser login', async () => {
    const root = await createLogin('root');
    await admin.query(`alter role ${root} superuser`);
    try {
      const { verdict } = await check({}, root);

      expect(
        finding(verdict, FindingCode.verifierCanWrite)?.observed?.[0]
      ).toBe('superuser');
    } finally {
      await admin.query(`drop owned by ${root}`);
      await admin.query(`drop role ${root}`);
    }
  });
});
