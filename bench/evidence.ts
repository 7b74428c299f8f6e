// The evidence read against a bare version-table SELECT, each as the
// verifier runs it (own connection, one READ ONLY transaction), on a
// throwaway cluster. Run on demand: npx tsx bench/evidence.ts [tables]
import pg from 'pg';
import { withHiddenPassword } from '../lambdas/core/credentials.js';
import { targetSchema } from '../lambdas/core/target.js';
import { readPrivileges } from '../lambdas/io/evidence/privilege-read.js';
import { readSchema } from '../lambdas/io/evidence/schema-read.js';
import { readRowsAndWrites } from '../lambdas/io/evidence/write-evidence-read.js';
import { postgresReader } from '../lambdas/io/version-table.js';
import { startPostgresCluster } from '../support/postgres-cluster.js';

const TABLES = Number(process.argv[2] ?? 50);
const ROUNDS = 25;
const PASSWORD = 'bench-reader-password';
const target = targetSchema.parse({
  id: 'bench',
  secretId: 'x',
  tls: 'disable',
});

const percentile = (values: number[], share: number): number =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor(values.length * share))
  ] ?? NaN;

const timed = async (action: () => Promise<unknown>): Promise<number[]> => {
  await action();
  const millis: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now();
    await action();
    millis.push(performance.now() - start);
  }
  return millis;
};

const line = (label: string, millis: number[]): string =>
  `${label.padEnd(44)} median ${percentile(millis, 0.5).toFixed(1)} ms, ` +
  `p95 ${percentile(millis, 0.95).toFixed(1)} ms`;

const setUp = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tables = Array.from(
    { length: TABLES },
    (_, index) =>
      `create table t${index} (id serial primary key, code text unique, ` +
      `created timestamptz default now())`
  );
  await client.query(
    [
      ...tables,
      'create table alembic_version (version_num varchar(32) primary key)',
      "insert into alembic_version values ('9e7b6a5d4c38')",
      `create role bench_reader login password '${PASSWORD}'`,
      'grant select on alembic_version to bench_reader',
    ].join(';\n')
  );
  await client.end();
};

/** Each part of the evidence alone, inside one open transaction. */
const parts = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    'begin transaction isolation level repeatable read, read only'
  );
  await client.query('set local search_path = pg_catalog, pg_temp');
  const { rows } = await client.query<{ oid: string; relkind: string }>(
    "select oid::text, relkind::text from pg_class where relname = 'alembic_version'"
  );
  const located = {
    schema: 'public',
    ...(rows[0] ?? { oid: '0', relkind: 'r' }),
  };
  const results = [
    line(
      '  bare SELECT version_num',
      await timed(() =>
        client.query('select version_num from public.alembic_version')
      )
    ),
    line(
      '  rows with xmin + oid, counters',
      await timed(() => readRowsAndWrites(client, target, located))
    ),
    line('  schema fingerprint', await timed(() => readSchema(client, target))),
    line(
      '  privilege audit',
      await timed(() => readPrivileges(client, target, located.oid))
    ),
  ];
  await client.end();
  return results;
};

const main = async () => {
  const cluster = await startPostgresCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database bench');
    await admin.end();
    const url = cluster.url.replace(/\/postgres$/, '/bench');
    await setUp(url);

    const login = withHiddenPassword(
      {
        host: cluster.host,
        port: cluster.port,
        database: 'bench',
        username: 'bench_reader',
      },
      PASSWORD
    );
    const bare = await timed(() => postgresReader()(target, login));
    const full = await timed(() =>
      postgresReader(undefined, { evidence: true })(target, login)
    );
    const ratio = percentile(full, 0.5) / percentile(bare, 0.5);
    process.stdout.write(
      [
        `database: version table + ${TABLES} tables; ${ROUNDS} rounds each`,
        line('bare read (connect, SELECT, close)', bare),
        line('evidence read (connect, all evidence, close)', full),
        `ratio evidence / bare: ${ratio.toFixed(2)}`,
        'inside one transaction, warm connection:',
        ...(await parts(url)),
        '',
      ].join('\n')
    );
  } finally {
    await cluster.stop();
  }
};

await main();
