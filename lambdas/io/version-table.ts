import pg from 'pg';
import type { DatabaseCredentials } from '../core/credentials.js';
import type { VersionTableRead } from '../core/observation.js';
import { type Target, TlsMode } from '../core/target.js';
import { databaseError } from './database-errors.js';
import { readWithEvidence } from './evidence/evidence-read.js';
import { type LocatedTable, qualifiedTable } from './evidence/located-table.js';

/** Bounds on one read, so a hung database cannot hang the verifier. */
interface ReadTimeouts {
  readonly connectMillis: number;
  readonly statementMillis: number;
  readonly lockMillis: number;
}

const DEFAULT_TIMEOUTS: ReadTimeouts = {
  connectMillis: 5_000,
  statementMillis: 5_000,
  lockMillis: 2_000,
};

/** What a reader reads besides the version values. */
interface ReaderOptions {
  /**
   * Also read, in the same transaction, the write evidence (xmin, oid,
   * relfilenode, counters), the schema snapshot and the privilege audit
   * (docs/evidence.md). The verifier and recorder handlers pass true.
   * @default false
   */
  readonly evidence?: boolean;
}

/** Reads one target's version table. */
type VersionTableReader = (
  target: Target,
  credentials: DatabaseCredentials
) => Promise<VersionTableRead>;

const FIND_TABLE = `
  select n.nspname as schema, c.oid::text as oid, c.relkind::text as relkind,
    c.relrowsecurity as "rowSecurity"
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f')
  order by n.nspname`;

const RELATION_KINDS: Readonly<Record<string, string>> = {
  v: 'a view',
  m: 'a materialized view',
  f: 'a foreign table',
};

/**
 * Why this version table may show different logins different rows: a
 * view or foreign table instead of Alembic's plain table, or row-level
 * security. Undefined for a plain table without it.
 */
const unusualShape = (found: LocatedTable): string | undefined => {
  const kind = RELATION_KINDS[found.relkind];
  if (kind) return `the version table is ${kind}, not a table`;
  return found.rowSecurity
    ? 'the version table has row-level security enabled'
    : undefined;
};

const sslFor = (target: Target): pg.ClientConfig['ssl'] => {
  if (target.tls === TlsMode.disable) return false;
  return { rejectUnauthorized: target.tls === TlsMode.verifyFull };
};

const clientConfig = (
  target: Target,
  credentials: DatabaseCredentials,
  timeouts: ReadTimeouts
): pg.ClientConfig => ({
  host: credentials.host,
  port: credentials.port,
  database: credentials.database,
  user: credentials.username,
  password: credentials.password,
  ssl: sslFor(target),
  application_name: 'alembic-sentinel',
  connectionTimeoutMillis: timeouts.connectMillis,
  query_timeout: timeouts.statementMillis + 1_000,
  statement_timeout: timeouts.statementMillis,
  lock_timeout: timeouts.lockMillis,
  // Every transaction of this session is read only, not only ours.
  options: '-c default_transaction_read_only=on',
});

const readInTransaction = async (
  client: pg.Client,
  target: Target,
  options: ReaderOptions
): Promise<VersionTableRead> => {
  await client.query(
    'begin transaction isolation level repeatable read, read only'
  );
  const located = await client.query<LocatedTable>(FIND_TABLE, [
    target.versionTable,
  ]);
  const found = located.rows.find((row) => row.schema === target.schema);
  if (found === undefined) {
    await client.query('rollback');
    const schemas = located.rows.map((row) => row.schema);
    return { kind: 'missing', foundInSchemas: schemas };
  }

  const unusual = unusualShape(found);
  if (options.evidence) {
    const read = await readWithEvidence(client, target, found);
    await client.query('rollback');
    return unusual && read.kind === 'rows' ? { ...read, unusual } : read;
  }

  const rows = await client.query<{ version_num: string }>(
    `select version_num::text as version_num from ${qualifiedTable(target)}`
  );
  await client.query('rollback');
  const values = rows.rows.map((row) => row.version_num);
  return { kind: 'rows', values, ...(unusual && { unusual }) };
};

/**
 * A reader that opens one connection per read and runs one short READ ONLY
 * transaction. Table and schema names are quoted as identifiers. With
 * `options.evidence` the same transaction also reads the evidence.
 */
/** How long a polite close may take before the socket is cut. */
const CLOSE_GRACE_MILLIS = 500;

/**
 * The most one read may take: connect, then a few statements each bounded
 * by the statement timeout. A server that answers with junk or stalls
 * mid-handshake is cut off here, whatever the driver does.
 */
const deadlineMillis = (timeouts: ReadTimeouts): number =>
  timeouts.connectMillis + 3 * timeouts.statementMillis + 1_000;

const withDeadline = <T>(work: Promise<T>, millis: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`read timeout after ${millis} ms`)),
      millis
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
};

/**
 * Ends the session, but never waits on a peer that does not close: after
 * the grace period the socket is destroyed.
 */
const closeWithin = async (client: pg.Client, millis: number) => {
  const ended = client.end().then(
    () => true,
    () => true
  );
  const timedOut = new Promise<boolean>((resolve) => {
    setTimeout(() => resolve(false), millis).unref();
  });
  if (!(await Promise.race([ended, timedOut]))) {
    // node-postgres keeps its socket on `connection.stream`.
    const { connection } = client as unknown as {
      connection?: { stream?: { destroy(): void } };
    };
    connection?.stream?.destroy();
  }
};

const postgresReader =
  (
    timeouts: ReadTimeouts = DEFAULT_TIMEOUTS,
    options: ReaderOptions = {}
  ): VersionTableReader =>
  async (target, credentials) => {
    const endpoint =
      `${credentials.host}:${credentials.port}/${credentials.database}` +
      ` as ${credentials.username}`;
    const client = new pg.Client(clientConfig(target, credentials, timeouts));
    // A broken socket after connect must not crash the process.
    client.on('error', () => {});

    try {
      return await withDeadline(
        (async () => {
          await client.connect();
          return readInTransaction(client, target, options);
        })(),
        deadlineMillis(timeouts)
      );
    } catch (error) {
      throw databaseError(error, endpoint);
    } finally {
      await closeWithin(client, CLOSE_GRACE_MILLIS);
    }
  };

export type { ReaderOptions, ReadTimeouts, VersionTableReader };
export { DEFAULT_TIMEOUTS, postgresReader };
