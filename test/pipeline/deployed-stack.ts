import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, inject, vi } from 'vitest';
import { dynamoAttestationStore } from '../../lambdas/io/attestation-store.js';
import { ensureLocalTable } from '../../lambdas/io/table.js';
import {
  dynamoClient,
  freshDatabase,
  superuserClient,
  uniqueName,
} from '../support/servers.js';
import {
  type FunctionHandler,
  fakeLambda,
  type Invocation,
} from './fake-lambda.js';

/** Function names as `describe-stacks` would print them. */
const RECORDER_FUNCTION = 'AlembicSentinel-SentinelRecorder-1A2B3C4D5E6F';
const VERIFIER_FUNCTION = 'AlembicSentinel-SentinelVerifier-6F5E4D3C2B1A';
const TOPIC_ARN = 'arn:aws:sns:us-east-1:111122223333:sentinel-alerts';

/** One monitored database, as the pipeline and the stack know it. */
interface TargetDatabase {
  readonly id: string;
  readonly secretId: string;
  /** The reader login's password, kept in the (faked) secret only. */
  readonly password: string;
  /** Superuser URL for the real Alembic, which plays the pipeline. */
  readonly sqlalchemyUrl: string;
  /** sentinel.config.json naming this target, as the infra repo has it. */
  readonly configPath: string;
}

const secretNotFound = (secretId: string): Error =>
  Object.assign(new Error(`Secrets Manager can't find ${secretId}`), {
    name: 'ResourceNotFoundException',
  });

/**
 * A local stand-in for a deployed alembic-sentinel stack: DynamoDB Local
 * holds the table; the real recorder and verifier handlers answer a faked
 * Lambda Invoke (aws-sdk-client-mock); Secrets Manager and SNS are faked
 * the same way; the databases are real PostgreSQL. Registers its own
 * hooks: call it once at the top of a test file.
 */
const useDeployedStack = () => {
  const secrets = mockClient(SecretsManagerClient);
  const sns = mockClient(SNSClient);
  const secretStrings = new Map<string, string>();
  let lambda: ReturnType<typeof fakeLambda> | undefined;
  let functions: Record<string, FunctionHandler> = {};
  /** Everything printed: CLI output, errors, handler logs. */
  const transcript: string[] = [];
  const tableName = uniqueName('pipeline');
  const directories: string[] = [];
  const deployedTargets: object[] = [];

  beforeAll(async () => {
    await ensureLocalTable(dynamoClient(), tableName);
    vi.stubEnv('SENTINEL_TABLE_NAME', tableName);
    vi.stubEnv('SENTINEL_TOPIC_ARN', TOPIC_ARN);
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', inject('dynamoEndpoint'));
    vi.stubEnv('POWERTOOLS_DEV', 'false');
    vi.resetModules();
    const recorder = await import('../../lambdas/record.js');
    const verifier = await import('../../lambdas/verify.js');

    secrets.on(GetSecretValueCommand).callsFake(async (input) => {
      const secretString = secretStrings.get(String(input.SecretId));
      if (secretString === undefined) {
        throw secretNotFound(String(input.SecretId));
      }
      return { SecretString: secretString };
    });
    functions = {
      [RECORDER_FUNCTION]: recorder.handler,
      [VERIFIER_FUNCTION]: verifier.handler,
    };
    lambda = fakeLambda(functions);
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await Promise.all(
      directories.map((path) => rm(path, { recursive: true, force: true }))
    );
  });

  beforeEach(() => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
    const capture = (chunk: unknown) => {
      transcript.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /**
   * A fresh database with a select-only reader login, its secret, and a
   * sentinel.config.json that names it. Alembic has not run yet.
   */
  const addTarget = async (prefix: string): Promise<TargetDatabase> => {
    const db = await freshDatabase(prefix);
    const reader = uniqueName('reader');
    const password = `Pipeline-Secret-${randomBytes(12).toString('hex')}`;
    const admin = await superuserClient(db.database);
    await admin.query(`create role ${reader} login password '${password}'`);
    await admin.query(
      `alter default privileges for role postgres in schema public ` +
        `grant select on tables to ${reader}`
    );
    await admin.end();

    const id = db.database.replaceAll('_', '-');
    const secretId = `alembic-sentinel/${id}`;
    secretStrings.set(
      secretId,
      JSON.stringify({
        engine: 'postgres',
        host: '127.0.0.1',
        port: inject('pgPort'),
        username: reader,
        password,
        dbname: db.database,
      })
    );

    const directory = await mkdtemp(join(tmpdir(), 'sentinel-pipeline-'));
    directories.push(directory);
    const configPath = join(directory, 'sentinel.config.json');
    const config = {
      stackName: 'AlembicSentinel',
      pipelinePrincipalArn: 'arn:aws:iam::111122223333:role/deploy',
      // Loopback PostgreSQL without TLS; a real stack keeps verify-full.
      targets: [{ id, secretId, tls: 'disable' }],
    };
    await writeFile(configPath, JSON.stringify(config, null, 2));
    // The deployed functions know exactly the stack's targets.
    deployedTargets.push(...config.targets);
    vi.stubEnv('SENTINEL_TARGETS_JSON', JSON.stringify(deployedTargets));

    const superuserPassword = encodeURIComponent(inject('pgSuperuserPassword'));
    const sqlalchemyUrl =
      `postgresql+psycopg2://postgres:${superuserPassword}@127.0.0.1:` +
      `${inject('pgPort')}/${db.database}`;
    return { id, secretId, password, sqlalchemyUrl, configPath };
  };

  return {
    tableName,
    sns,
    transcript,
    addTarget,
    /** The real handlers by function name, for a loopback endpoint. */
    functions: () => functions,
    /** Every invocation the fake Lambda served in this file. */
    invocations: (): readonly Invocation[] => lambda?.invocations ?? [],
    /** The fake Lambda: its client mock, and `loseNextResponse`. */
    lambda: () => {
      if (lambda === undefined) throw new Error('the stack is not up yet');
      return lambda;
    },
    attestations: () => dynamoAttestationStore(dynamoClient(), tableName),
  };
};

type DeployedStack = ReturnType<typeof useDeployedStack>;

export type { DeployedStack, TargetDatabase };
export { RECORDER_FUNCTION, TOPIC_ARN, useDeployedStack, VERIFIER_FUNCTION };
