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
import { type TargetInput, targetSchema } from '../../lambdas/core/target.js';
import { VerdictStatus } from '../../lambdas/core/verdict.js';
import {
  dynamoSchemaSnapshotStore,
  type SchemaSnapshotStore,
} from '../../lambdas/io/evidence/schema-snapshot-store.js';
import { ensureLocalTable } from '../../lambdas/io/table.js';
import { postgresReader } from '../../lambdas/io/version-table.js';
import { judgeContextFor } from '../../lambdas/observe.js';
import {
  dynamoClient,
  freshDatabase,
  superuserClient,
  uniqueName,
} from '../support/servers.js';

const HEAD = '9e7b6a5d4c38';
const PASSWORD = 'Schema-Reader-Pa55';
const read = postgresReader(undefined, { evidence: true });

const TOUCH =
  'create or replace function touch() returns trigger language plpgsql ' +
  'as $$ begin new.created = now(); return new; end $$';

const SHOP_DDL = [
  "create type mood as enum ('sad', 'ok', 'happy')",
  'create table users (id serial primary key, email text not null, ' +
    "mood mood default 'ok', created timestamptz default now())",
  'create index users_created_idx on users (created)',
  'create table orders (id bigint generated always as identity primary key,' +
    ' user_id int references users (id), total numeric(10, 2))',
  'create view big_orders as select * from orders where total > 100',
  TOUCH,
  'create trigger users_touch before update on users ' +
    'for each row execute function touch()',
  'alter table users enable row level security',
  'create policy own_rows on users using (email = current_user::text)',
  'create table alembic_version (version_num varchar(32) not null, ' +
    'constraint alembic_version_pkc primary key (version_num))',
];

let admin: pg.Client;
let database: string;
let login: ReturnType<typeof withHiddenPassword>;
let snapshots: SchemaSnapshotStore;

const target = (input: Partial<TargetInput> = {}) =>
  targetSchema.parse({
    id: 'shop',
    secretId: 'unused',
    tls: 'disable',
    ...input,
  });

const readSchemaOf = async (input: Partial<TargetInput> = {}) =>
  read(target(input), login);

/** Records now, storing the snapshot as the recorder does. */
const recordNow = async (
  input: Partial<TargetInput> = {}
): Promise<Attestation> => {
  const table = await readSchemaOf(input);
  const schema = evidenceOf(table)?.schema;
  if (schema) await snapshots.put('shop', schema, '2026-12-04T09:00:00.000Z');
  return {
    targetId: 'shop',
    sequence: 1,
    heads: [HEAD],
    deployId: 'deploy-1',
    recordedAt: '2026-12-04T09:00:00.000Z',
    ...attestedEvidence(table),
  };
};

const checkAgainst = async (
  attestation: Attestation,
  input: Partial<TargetInput> = {}
) => {
  const table = await readSchemaOf(input);
  const context = await judgeContextFor(target(input), table, attestation, {
    schemaSnapshots: snapshots,
  });
  return judge(
    { targetId: 'shop', observedAt: '2026-12-04T10:00:00.000Z', table },
    attestation,
    context
  );
};

const driftSummary = (verdict: ReturnType<typeof judge>) =>
  verdict.findings.find((finding) => finding.code === FindingCode.schemaDrift)
    ?.summary;

beforeAll(async () => {
  const db = await freshDatabase('schema_drift');
  database = db.database;
  admin = await superuserClient(database);
  const role = uniqueName('schema_reader');
  await admin.query(`create role ${role} login password '${PASSWORD}'`);
  login = withHiddenPassword(
    {
      host: '127.0.0.1',
      port: inject('pgPort'),
      database,
      username: role,
    },
    PASSWORD
  );
  for (const statement of SHOP_DDL) await admin.query(statement);
  await admin.query('insert into alembic_version values ($1)', [HEAD]);
  await admin.query(`grant select on alembic_version to ${role}`);
  // Hand the insert's count to the statistics now, or it may arrive
  // between a record and a check and read as WRITES_COUNTED.
  await admin.query('select pg_stat_force_next_flush()');

  const tableName = uniqueName('schema_drift');
  await ensureLocalTable(dynamoClient(), tableName);
  snapshots = dynamoSchemaSnapshotStore(dynamoClient(), tableName);
});

afterAll(async () => {
  await admin?.end();
});

describe('Schema fingerprint on PostgreSQL (reader with SELECT on the version table only)', () => {
  let attestation: Attestation;

  beforeEach(async () => {
    attestation = await recordNow();
  });

  it('returns the same digest on every read of an unchanged schema', async () => {
    const first = evidenceOf(await readSchemaOf())?.schema;
    const second = evidenceOf(await readSchemaOf())?.schema;

    expect(second?.digest).toBe(first?.digest);
    expect(first?.objects.map((object) => object.key)).toEqual(
      expect.arrayContaining([
        'table public.users',
        'column public.users.email',
        'constraint public.orders.orders_user_id_fkey',
        'index public.users_created_idx',
        'view public.big_orders',
        'sequence public.users_id_seq',
        'type public.mood',
        'function public.touch()',
        'trigger public.users.users_touch',
        'policy public.users.own_rows',
      ])
    );
  });

  it('names a column added outside migrations', async () => {
    await admin.query('alter table users add column nickname text');
    try {
      const verdict = await checkAgainst(attestation);

      expect(verdict.status).toBe(VerdictStatus.mismatch);
      expect(driftSummary(verdict)).toContain(
        'added column public.users.nickname'
      );
    } finally {
      await admin.query('alter table users drop column nickname');
    }
  });

  it('names an index dropped outside migrations', async () => {
    await admin.query('drop index users_created_idx');
    try {
      expect(driftSummary(await checkAgainst(attestation))).toContain(
        'removed index public.users_created_idx'
      );
    } finally {
      await admin.query('create index users_created_idx on users (created)');
    }
  });

  it('names a default changed outside migrations', async () => {
    await admin.query("alter table users alter column mood set default 'sad'");
    try {
      expect(driftSummary(await checkAgainst(attestation))).toContain(
        'changed column public.users.mood (default)'
      );
    } finally {
      await admin.query("alter table users alter column mood set default 'ok'");
    }
  });

  it('names a function replaced and a policy loosened', async () => {
    await admin.query(
      'create or replace function touch() returns trigger language plpgsql' +
        ' as $$ begin return new; end $$'
    );
    await admin.query('alter policy own_rows on users using (true)');
    try {
      const summary = driftSummary(await checkAgainst(attestation));

      expect(summary).toContain('function public.touch() (definition)');
      expect(summary).toContain('policy public.users.own_rows (using)');
    } finally {
      await admin.query(TOUCH);
      await admin.query(
        'alter policy own_rows on users using (email = current_user::text)'
      );
    }
  });

  it('returns OK after VACUUM FULL, ANALYZE and writes to data tables', async () => {
    await admin.query("insert into users (email) values ('a@example.com')");
    await admin.query('vacuum full analyze users');

    expect((await checkAgainst(attestation)).status).toBe(VerdictStatus.ok);
  });

  it('leaves out objects matching schemaExclude', async () => {
    const input = { schemaExclude: ['celery_*'] };
    const excluded = await recordNow(input);
    await admin.query('create table celery_taskmeta (id int primary key)');
    try {
      expect((await checkAgainst(excluded, input)).status).toBe(
        VerdictStatus.ok
      );
      expect(driftSummary(await checkAgainst(excluded))).toContain(
        'added table public.celery_taskmeta'
      );
    } finally {
      await admin.query('drop table celery_taskmeta');
    }
  });

  it('covers every schema the target names', async () => {
    await admin.query('create schema if not exists billing');
    const input = { schemas: ['public', 'billing'] };
    const both = await recordNow(input);
    await admin.query('create table billing.invoices (id int)');
    try {
      expect(driftSummary(await checkAgainst(both, input))).toContain(
        'added table billing.invoices'
      );
      expect((await checkAgainst(attestation)).status).toBe(VerdictStatus.ok);
    } finally {
      await admin.query('drop table billing.invoices');
    }
  });

  it('loads the stored detail only when the digests differ', async () => {
    let loads = 0;
    const counting: SchemaSnapshotStore = {
      put: snapshots.put,
      get: async (targetId, digest) => {
        loads += 1;
        return snapshots.get(targetId, digest);
      },
    };
    const same = await readSchemaOf();
    await judgeContextFor(target(), same, attestation, {
      schemaSnapshots: counting,
    });

    expect(loads).toBe(0);
  });
});
