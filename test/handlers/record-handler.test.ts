import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import {
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
  freshDatabase,
  superuserClient,
  uniqueName,
} from '../support/servers.js';

const PASSWORD = 'Recorder-Secret-Pa55';
const HEAD = '9e7b6a5d4c38';
const secrets = mockClient(SecretsManagerClient);
let tableName: string;
let database: string;

const loadHandler = async () => {
  vi.resetModules();
  return (await import('../../lambdas/record.js')).handler;
};

const event = (heads: string[], deployId = 'deploy-1') => ({
  target: { id: 'shop', secretId: 'prod/shop', tls: 'disable' },
  heads,
  deployId,
  commit: 'abc123',
  actor: 'github-actions',
});

beforeAll(async () => {
  const db = await freshDatabase('record_handler');
  database = db.database;
  const admin = await superuserClient(database);
  await admin.query(`create role record_reader login password '${PASSWORD}'`);
  await admin.query(
    'create table alembic_version (version_num varchar(32) primary key)'
  );
  await admin.query('insert into alembic_version values ($1)', [HEAD]);
  await admin.query('grant select on alembic_version to record_reader');
  await admin.end();

  tableName = uniqueName('record_handler');
  await ensureLocalTable(dynamoClient(), tableName);
});

beforeEach(() => {
  vi.stubEnv('SENTINEL_TABLE_NAME', tableName);
  vi.stubEnv(
    'SENTINEL_TARGETS_JSON',
    JSON.stringify([{ id: 'shop', secretId: 'prod/shop', tls: 'disable' }])
  );
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', inject('dynamoEndpoint'));
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({
    SecretString: JSON.stringify({
      username: 'record_reader',
      password: PASSWORD,
      host: '127.0.0.1',
      port: inject('pgPort'),
      dbname: database,
    }),
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('Handler: record (Secrets Manager through aws-sdk-client-mock)', () => {
  it('appends an attestation with provenance when the database agrees', async () => {
    const handler = await loadHandler();

    const result = await handler(event([HEAD]));

    expect(result.created).toBe(true);
    expect(result.attestation).toMatchObject({
      targetId: 'shop',
      sequence: 1,
      heads: [HEAD],
      deployId: 'deploy-1',
      commit: 'abc123',
      actor: 'github-actions',
    });
  });

  it('refuses with RecordRefusedError and writes nothing when heads differ', async () => {
    const handler = await loadHandler();

    await expect(
      handler(event(['1f0a9c2e7b41'], 'deploy-9'))
    ).rejects.toMatchObject({
      name: 'RecordRefusedError',
      observedHeads: [HEAD],
    });
    const stored = await dynamoAttestationStore(
      dynamoClient(),
      tableName
    ).recent('shop', 10);
    expect(stored.map((item) => item.deployId)).toEqual(['deploy-1']);
  });

  it('rejects a payload without heads, naming the field', async () => {
    const handler = await loadHandler();

    await expect(
      handler({ target: { id: 'shop', secretId: 's' }, deployId: 'd' })
    ).rejects.toThrow(/invalid record event: heads: /);
  });
});
