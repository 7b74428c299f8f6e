import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import type pg from 'pg';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  inject,
  it,
  vi,
} from 'vitest';
import { dynamoAttestationStore } from '../../lambdas/io/attestation-store.js';
import { ensureLocalTable } from '../../lambdas/io/table.js';
import {
  dynamoClient,
  type FreshDatabase,
  freshDatabase,
  superuserClient,
  uniqueName,
} from '../support/servers.js';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:sentinel-alerts';
const PASSWORD = 'Verifier-Secret-Pa55';
const HEAD = '9e7b6a5d4c38';

const secrets = mockClient(SecretsManagerClient);
const sns = mockClient(SNSClient);

let db: FreshDatabase;
let admin: pg.Client;
let tableName: string;
let printed: string[];

const secretFor = (password: string) =>
  JSON.stringify({
    engine: 'postgres',
    host: '127.0.0.1',
    port: String(inject('pgPort')),
    username: 'handler_reader',
    password,
    dbname: db.database,
  });

let targetId: string;
let event: { targets: { id: string; secretId: string; tls: string }[] };
let testNumber = 0;

const loadHandler = async () => {
  vi.resetModules();
  return (await import('../../lambdas/verify.js')).handler;
};

beforeAll(async () => {
  db = await freshDatabase('verify_handler');
  admin = await superuserClient(db.database);
  await admin.query(`create role handler_reader login password '${PASSWORD}'`);
  await admin.query(
    'create table alembic_version (version_num varchar(32) primary key)'
  );
  await admin.query('grant select on alembic_version to handler_reader');

  tableName = uniqueName('verify_handler');
  await ensureLocalTable(dynamoClient(), tableName);
});

afterAll(async () => {
  await admin?.end();
});

beforeEach(async () => {
  // Each test watches its own target, so alert state never carries over.
  testNumber += 1;
  targetId = `shop-${testNumber}`;
  event = {
    targets: [{ id: targetId, secretId: 'prod/shop', tls: 'disable' }],
  };
  vi.stubEnv('SENTINEL_TARGETS_JSON', JSON.stringify(event.targets));
  await dynamoAttestationStore(dynamoClient(), tableName).append({
    targetId,
    heads: [HEAD],
    deployId: 'deploy-1',
    recordedAt: '2026-12-04T09:00:00.000Z',
  });
  vi.stubEnv('SENTINEL_TABLE_NAME', tableName);
  vi.stubEnv('SENTINEL_TOPIC_ARN', TOPIC);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', inject('dynamoEndpoint'));
  vi.stubEnv('POWERTOOLS_DEV', 'false');
  secrets.reset();
  sns.reset();
  secrets
    .on(GetSecretValueCommand)
    .resolves({ SecretString: secretFor(PASSWORD) });
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  await admin.query('delete from alembic_version');
  await admin.query('insert into alembic_version values ($1)', [HEAD]);

  printed = [];
  const capture = (chunk: unknown) => {
    printed.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('Handler: verify (SNS and Secrets Manager through aws-sdk-client-mock)', () => {
  it('publishes nothing and reports OK when the table matches', async () => {
    const handler = await loadHandler();

    const result = await handler(event);

    expect(result).toMatchObject({
      checked: 1,
      statuses: { [targetId]: 'OK' },
    });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('publishes a VERSION_MISMATCH alert with subject and attributes', async () => {
    await admin.query(
      "update alembic_version set version_num = '1f0a9c2e7b41'"
    );
    const handler = await loadHandler();

    await handler(event);

    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input?.TopicArn).toBe(TOPIC);
    expect(input?.Subject).toBe(
      `[CRITICAL] ${targetId}: VERSION_MISMATCH expected ${HEAD}, found ` +
        '1f0a9c2e7b41'
    );
    expect(input?.MessageAttributes).toEqual({
      target: { DataType: 'String', StringValue: targetId },
      code: { DataType: 'String', StringValue: 'VERSION_MISMATCH' },
      severity: { DataType: 'String', StringValue: 'CRITICAL' },
      state: { DataType: 'String', StringValue: 'ALERT' },
    });
    const bodies = JSON.parse(input?.Message ?? '{}');
    expect(bodies.email).toContain('Expected: 9e7b6a5d4c38');
    expect(JSON.parse(bodies.sqs).findings[0].code).toBe('VERSION_MISMATCH');
  });

  it('fetches the secret once per warm container, not once per check', async () => {
    const handler = await loadHandler();

    await handler(event);
    await handler(event);
    await handler(event);

    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('re-reads the secret once when the cached password is refused', async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: secretFor('rotated-away') })
      .resolves({ SecretString: secretFor(PASSWORD) });
    const handler = await loadHandler();

    const result = await handler(event);

    expect(result.statuses).toEqual({ [targetId]: 'OK' });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('alerts COULD_NOT_CHECK without the password in any message or log', async () => {
    const wrong = 'Wrong-But-Secret-Value-77';
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: secretFor(wrong) });
    const handler = await loadHandler();

    // A blip does not page: the alert comes with the third failure.
    await handler(event);
    await handler(event);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    const result = await handler(event);

    expect(result.statuses).toEqual({ [targetId]: 'UNCHECKED' });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.Subject).toContain('COULD_NOT_CHECK');
    expect(input?.Message).toContain('authentication failed [28P01]');
    const everything = JSON.stringify(input) + printed.join('');
    expect(printed.join('')).toContain('"status":"UNCHECKED"');
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(PASSWORD);
  });

  it('fails the run when the alert cannot be published, so it is retried', async () => {
    await admin.query('delete from alembic_version');
    sns.on(PublishCommand).rejects(new Error('throttled'));
    const handler = await loadHandler();

    await expect(handler(event)).rejects.toMatchObject({
      name: 'PublishError',
      message: expect.stringContaining(`TABLE_EMPTY alert for ${targetId}`),
    });
  });

  it('rejects an event without targets with a message naming the field', async () => {
    const handler = await loadHandler();

    await expect(handler({ detail: {} })).rejects.toThrow(
      /invalid verify event: targets: /
    );
  });

  it('refuses a target pointed at another host than deployed, connecting nowhere', async () => {
    const handler = await loadHandler();
    const [deployed] = event.targets;

    const redirected = { targets: [{ ...deployed, host: '127.0.0.2' }] };

    await expect(handler(redirected)).rejects.toThrow(
      /differs from the deployed definition/
    );
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});
