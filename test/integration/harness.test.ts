import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDynamoDbLocal } from '../../support/dynamodb-local.js';
import { HarnessError, HarnessFailure } from '../../support/harness-error.js';
import {
  findPostgresBinDir,
  postgresMajorVersion,
} from '../../support/postgres-binaries.js';
import {
  dynamoClient,
  freshDatabase,
  superuserClient,
  uniqueName,
} from '../support/servers.js';

describe('the shared PostgreSQL cluster', () => {
  it('reports the installed major in select version()', async () => {
    const major = postgresMajorVersion(findPostgresBinDir());
    const client = await superuserClient();
    try {
      const { rows } = await client.query('select version() as version');
      expect(rows[0]?.version).toMatch(new RegExp(`^PostgreSQL ${major}\\.`));
    } finally {
      await client.end();
    }
  });

  it('listens on 127.0.0.1 only', async () => {
    const client = await superuserClient();
    try {
      const { rows } = await client.query('show listen_addresses');
      expect(rows).toEqual([{ listen_addresses: '127.0.0.1' }]);
    } finally {
      await client.end();
    }
  });

  it('rejects a wrong password with 28P01', async () => {
    const client = new pg.Client({
      host: inject('pgHost'),
      port: inject('pgPort'),
      user: 'postgres',
      password: `not-${inject('pgSuperuserPassword')}`,
      database: 'postgres',
    });
    await expect(client.connect()).rejects.toMatchObject({ code: '28P01' });
  });

  it('gives each fresh database its own tables', async () => {
    const first = await freshDatabase('harness');
    const second = await freshDatabase('harness');
    const writer = await superuserClient(first.database);
    const reader = new pg.Client(second.config);
    await reader.connect();
    try {
      await writer.query('create table alembic_version (version_num text)');
      const { rows } = await reader.query(
        "select to_regclass('alembic_version') as found"
      );
      expect(rows).toEqual([{ found: null }]);
    } finally {
      await Promise.all([writer.end(), reader.end()]);
    }
  });
});

describe('the shared DynamoDB Local', () => {
  const table = uniqueName('harness');
  const key = { pk: { S: 'ATTESTATION#harness' }, sk: { S: '000000000001' } };
  let client: DynamoDBClient;

  beforeAll(async () => {
    client = dynamoClient();
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      })
    );
  });

  afterAll(() => client.destroy());

  const appendOnce = (heads: string) =>
    client.send(
      new PutItemCommand({
        TableName: table,
        Item: { ...key, heads: { SS: [heads] } },
        ConditionExpression: 'attribute_not_exists(pk)',
      })
    );

  it('round-trips an item written with a condition', async () => {
    await appendOnce('ae1027a6acf');

    const { Item } = await client.send(
      new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true })
    );
    expect(Item).toEqual({ ...key, heads: { SS: ['ae1027a6acf'] } });
  });

  it('rejects a second put: ConditionalCheckFailedException', async () => {
    await expect(appendOnce('27c6a30d7c24')).rejects.toBeInstanceOf(
      ConditionalCheckFailedException
    );
  });
});

describe('the harness without its servers', () => {
  let emptyDir: string;

  beforeAll(async () => {
    emptyDir = await mkdtemp(join(tmpdir(), 'sentinel-harness-'));
  });

  afterAll(() => rm(emptyDir, { recursive: true, force: true }));

  it('names the postgresql package when no server binaries exist', () => {
    const find = () => findPostgresBinDir(emptyDir);

    expect(find).toThrow(HarnessError);
    expect(find).toThrow(/apt-get install -y postgresql/);
  });

  it('names the fetch script when DynamoDBLocal.jar is missing', async () => {
    const error = await startDynamoDbLocal({ directory: emptyDir }).catch(
      (failure: unknown) => failure
    );

    expect(error).toBeInstanceOf(HarnessError);
    expect(error).toMatchObject({
      code: HarnessFailure.dynamoDbLocalNotFound,
      message: expect.stringContaining('bash support/fetch-dynamodb-local.sh'),
    });
  });
});
