import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  freshDatabase,
  superuserClient,
  uniqueName,
} from '../support/servers.js';
import { alembic, type Ran, sentinel } from './run.js';

const READER_PASSWORD = 'e2e-Reader-Pa55';
const FIRST = '1f0a9c2e7b41';
const SECURITY_FIX = '5c3d8e1a0f92';
const HEAD = '9e7b6a5d4c38';

let sqlalchemyUrl: string;
let env: Record<string, string>;
let common: string[];

const record = (deployId: string, heads = HEAD, extra: string[] = []) =>
  sentinel(
    ['record', ...common, '--heads', heads, '--deploy-id', deployId, ...extra],
    env
  );

const verify = (extra: string[] = []) =>
  sentinel(['verify', ...common, ...extra], env);

const expectExit = (ran: Ran, code: number) => {
  expect(ran, `stdout: ${ran.stdout}\nstderr: ${ran.stderr}`).toMatchObject({
    code,
  });
};

beforeAll(async () => {
  const db = await freshDatabase('e2e_alembic');
  const port = inject('pgPort');
  const password = encodeURIComponent(inject('pgSuperuserPassword'));
  sqlalchemyUrl =
    `postgresql+psycopg2://postgres:${password}@127.0.0.1:${port}/` +
    db.database;

  await alembic(sqlalchemyUrl, 'upgrade', 'head');
  const admin = await superuserClient(db.database);
  await admin.query(
    `create role e2e_reader login password '${READER_PASSWORD}'`
  );
  await admin.query('grant select on alembic_version to e2e_reader');
  await admin.end();

  env = {
    SENTINEL_DATABASE_URL: `postgresql://e2e_reader:${READER_PASSWORD}@127.0.0.1:${port}/${db.database}`,
  };
  common = [
    '--target',
    'shop',
    '--tls',
    'disable',
    '--table',
    uniqueName('e2e'),
    '--dynamodb-endpoint',
    inject('dynamoEndpoint'),
    '--create-table',
  ];
}, 120_000);

describe('CLI with real Alembic on real PostgreSQL and DynamoDB Local', () => {
  it('records the head that alembic upgrade applied and verifies OK', async () => {
    const heads = await alembic(sqlalchemyUrl, 'heads');
    expect(heads).toContain(HEAD);

    const recorded = await record('deploy-1', HEAD, ['--commit', 'abc123']);
    expectExit(recorded, 0);
    expect(recorded.stdout).toContain('recorded: shop #1');

    const verified = await verify();
    expectExit(verified, 0);
    expect(verified.stdout).toContain('status:   OK');
  });

  it('exits 1 naming both revisions after alembic downgrade -1', async () => {
    await alembic(sqlalchemyUrl, 'downgrade', '-1');

    const verified = await verify(['--json']);

    expectExit(verified, 1);
    const { verdict } = JSON.parse(verified.stdout);
    expect(verdict.findings[0].code).toBe('VERSION_MISMATCH');
    expect(verdict.findings[0].summary).toBe(
      `expected ${HEAD}, found ${SECURITY_FIX}`
    );
  });

  it('exits 1 after alembic stamp to a revision below the fix', async () => {
    await alembic(sqlalchemyUrl, 'upgrade', 'head');
    // The row was rewritten since deploy-1: a legitimate redeploy records.
    expect((await verify()).stdout).toContain('ROW_REWRITTEN');
    expectExit(await record('deploy-redo'), 0);
    expectExit(await verify(), 0);

    await alembic(sqlalchemyUrl, 'stamp', FIRST);
    const verified = await verify();

    expectExit(verified, 1);
    expect(verified.stdout).toContain(`observed: ${FIRST}`);
    expect(verified.stdout).toContain('--- alert (printed here');
  });

  it('refuses to record heads the database is not at, with exit 1', async () => {
    const refused = await record('deploy-lie', HEAD);

    expectExit(refused, 1);
    expect(refused.stderr).toContain(
      `the database is at ${FIRST}, not at the claimed ${HEAD}`
    );
  });

  it('lands two concurrent records as distinct attestations', async () => {
    await alembic(sqlalchemyUrl, 'stamp', HEAD);

    const [a, b] = await Promise.all([
      record('deploy-2', HEAD, ['--json']),
      record('deploy-3', HEAD, ['--json']),
    ]);

    expectExit(a as Ran, 0);
    expectExit(b as Ran, 0);
    const sequences = [a, b].map(
      (ran) => JSON.parse(ran?.stdout ?? '{}').attestation.sequence
    );
    expect(sequences.sort()).toEqual([3, 4]);
  });

  it('returns the first attestation when a deploy id is retried', async () => {
    const retried = await record('deploy-1', HEAD, ['--json']);

    expectExit(retried, 0);
    expect(JSON.parse(retried.stdout)).toMatchObject({
      created: false,
      attestation: { sequence: 1, deployId: 'deploy-1' },
    });
  });

  it('exits 2 with the missing flag named on bad usage', async () => {
    const ran = await sentinel(['record', ...common, '--heads', HEAD], env);

    expectExit(ran, 2);
    expect(ran.stderr).toContain('--deploy-id');
  });

  it('exits 3 without the password when the database is unreachable', async () => {
    const ran = await sentinel(['verify', ...common], {
      SENTINEL_DATABASE_URL: `postgresql://e2e_reader:${READER_PASSWORD}@127.0.0.1:1/x`,
    });

    expectExit(ran, 3);
    expect(ran.stdout).toContain('COULD_NOT_CHECK');
    expect(ran.stdout + ran.stderr).not.toContain(READER_PASSWORD);
  });
});
