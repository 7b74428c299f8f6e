// Schema fingerprint against pg_dump --schema-only, on a throwaway cluster
// with 1,000 tables. Run on demand: npx tsx bench/fingerprint.ts
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { targetSchema } from '../lambdas/core/target.js';
import { readSchema } from '../lambdas/io/evidence/schema-read.js';
import {
  type PostgresCluster,
  startPostgresCluster,
} from '../support/postgres-cluster.js';

const TABLES = 1_000;
const ROUNDS = 7;
const run = promisify(execFile);

/** Tables with keys, defaults, checks, foreign keys, indexes; some views. */
const schemaDdl = (tables: number): string[] =>
  Array.from({ length: tables }, (_, index) => {
    const name = `t${String(index).padStart(4, '0')}`;
    const parent = index === 0 ? '' : `, parent_id int references t0000 (id)`;
    return [
      `create table ${name} (id serial primary key, ` +
        `code text not null unique, created timestamptz default now(), ` +
        `amount numeric(12, 2) check (amount >= 0)${parent})`,
      `create index ${name}_created_idx on ${name} (created)`,
      ...(index % 10 === 0
        ? [`create view ${name}_recent as select * from ${name}`]
        : []),
    ];
  }).flat();

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

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

/** One fingerprint as the verifier takes it: connect, read, digest. */
const fingerprintOnce = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin transaction read only');
    await client.query('set local search_path = pg_catalog, pg_temp');
    const target = targetSchema.parse({ id: 'bench', secretId: 'x' });
    const schema = await readSchema(client, target);
    await client.query('rollback');
    return schema;
  } finally {
    await client.end();
  }
};

const pgDumpOnce = (cluster: PostgresCluster, url: string) =>
  run(join(cluster.binDir, 'pg_dump'), ['--schema-only', '--dbname', url], {
    maxBuffer: 256 * 1024 * 1024,
  });

const main = async () => {
  const cluster = await startPostgresCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database bench');
    await admin.end();
    const url = cluster.url.replace(/\/postgres$/, '/bench');
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    await setup.query(schemaDdl(TABLES).join(';\n'));
    await setup.query('analyze');
    await setup.end();

    const schema = await fingerprintOnce(url);
    const dump = await pgDumpOnce(cluster, url);
    const ours = median(await timed(() => fingerprintOnce(url)));
    const theirs = median(await timed(() => pgDumpOnce(cluster, url)));

    process.stdout.write(
      [
        `schema: ${TABLES} tables, ${schema.objects.length} objects, ` +
          `digest ${schema.digest.slice(0, 12)}`,
        `snapshot JSON ${Buffer.byteLength(JSON.stringify(schema.objects))} ` +
          `bytes; pg_dump output ${Buffer.byteLength(dump.stdout)} bytes`,
        `fingerprint (connect, read, digest): median ${ours.toFixed(1)} ms ` +
          `of ${ROUNDS}`,
        `pg_dump --schema-only:               median ${theirs.toFixed(1)} ms ` +
          `of ${ROUNDS}`,
        `ratio fingerprint / pg_dump: ${(ours / theirs).toFixed(2)}`,
        '',
      ].join('\n')
    );
  } finally {
    await cluster.stop();
  }
};

await main();
