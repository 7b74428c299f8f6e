import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import pg from 'pg';
import { inject } from 'vitest';
import {
  createDatabase,
  type PostgresServerAddress,
} from '../../support/postgres-cluster.js';

/** A database made for one test file on the run's shared cluster. */
type FreshDatabase = {
  readonly database: string;
  readonly url: string;
  /** Superuser connection settings for `pg.Client` or `pg.Pool`. */
  readonly config: pg.ClientConfig;
};

let namesGiven = 0;

/**
 * A name no other test in this run uses, usable as a PostgreSQL database
 * or DynamoDB table name: `prefix` in lower case, the worker's pid, a
 * counter and random hex.
 */
function uniqueName(prefix: string): string {
  const safe = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 30);
  const base = /^[a-z_]/.test(safe) ? safe : `t_${safe}`;
  namesGiven += 1;
  const random = randomBytes(3).toString('hex');
  return `${base}_${process.pid}_${namesGiven}_${random}`;
}

/** The run's shared cluster, as provided by test/global-setup.ts. */
function sharedCluster(): PostgresServerAddress {
  return {
    host: inject('pgHost'),
    port: inject('pgPort'),
    superuser: 'postgres',
    superuserPassword: inject('pgSuperuserPassword'),
  };
}

/**
 * Creates an empty database named after `prefix` on the shared cluster.
 * It lives until the cluster stops at the end of the run.
 */
async function freshDatabase(prefix: string): Promise<FreshDatabase> {
  const server = sharedCluster();
  const database = uniqueName(prefix);
  const url = await createDatabase(server, database);
  return { database, url, config: superuserConfig(server, database) };
}

/** A connected superuser client of `database`; the caller ends it. */
async function superuserClient(database = 'postgres'): Promise<pg.Client> {
  const client = new pg.Client(superuserConfig(sharedCluster(), database));
  await client.connect();
  return client;
}

function superuserConfig(
  server: PostgresServerAddress,
  database: string
): pg.ClientConfig {
  return {
    host: server.host,
    port: server.port,
    user: server.superuser,
    password: server.superuserPassword,
    database,
    connectionTimeoutMillis: 5_000,
  };
}

/**
 * A real DynamoDBClient for the run's DynamoDB Local on loopback, with
 * fake keys. Tables are shared by the whole run: name them uniqueName(...).
 */
function dynamoClient(): DynamoDBClient {
  const endpoint = inject('dynamoEndpoint');
  if (new URL(endpoint).hostname !== '127.0.0.1') {
    throw new Error(`DynamoDB Local must be on 127.0.0.1, got ${endpoint}`);
  }
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: {
      accessKeyId: 'fakeAccessKeyId',
      secretAccessKey: 'fakeSecretAccessKey',
    },
  });
}

export type { FreshDatabase };
export { dynamoClient, freshDatabase, superuserClient, uniqueName };
