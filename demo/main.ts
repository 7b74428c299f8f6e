import pg from 'pg';
import { runHistory } from '../lambdas/cli/history-command.js';
import { describeAttestation, describeVerdict } from '../lambdas/cli/output.js';
import type { AlertMessage } from '../lambdas/core/alert-message.js';
import { DEFAULT_ALERT_POLICY } from '../lambdas/core/alert-state.js';
import { withHiddenPassword } from '../lambdas/core/credentials.js';
import { buildManifest } from '../lambdas/core/manifest/build-manifest.js';
import { targetSchema } from '../lambdas/core/target.js';
import { dynamoAlertStateStore } from '../lambdas/io/alert-state-store.js';
import { dynamoAttestationStore } from '../lambdas/io/attestation-store.js';
import { dynamoAuditTrail } from '../lambdas/io/audit-trail.js';
import { staticSource } from '../lambdas/io/credentials.js';
import { dynamoSchemaSnapshotStore } from '../lambdas/io/evidence/schema-snapshot-store.js';
import { dynamoManifestStore } from '../lambdas/io/manifest-store.js';
import { ensureLocalTable } from '../lambdas/io/table.js';
import { postgresReader } from '../lambdas/io/version-table.js';
import { recordDeploy } from '../lambdas/recorder.js';
import { checkTarget, type VerifierDeps } from '../lambdas/verifier.js';
import { startPostgresCluster } from '../support/postgres-cluster.js';
import { ATTACKS, RESTORE } from './attacks.js';
import { startInProcessDynamoDb } from './in-process-dynamodb.js';
import {
  SAMPLE_REVISIONS,
  sampleScripts,
  upgradeStatements,
} from './sample-app.js';

const TABLE = 'alembic-sentinel-demo';
const READER_PASSWORD = 'demo-reader-password';

const say = (text = '') => process.stdout.write(`${text}\n`);
const heading = (text: string) =>
  say(`\n=== ${text} ${'='.repeat(60 - text.length)}`);

const runSql = async (url: string, statements: readonly string[]) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
};

const printAlert = async (message: AlertMessage) => {
  say('--- ALERT (printed here; deployed, this goes to SNS) ---');
  say(`Subject: ${message.subject}`);
  say(`Attributes: ${JSON.stringify(message.attributes)}`);
  say();
  say(message.text.trimEnd());
  say('--- end of alert ---');
};

const main = async () => {
  // The lockfile pins SDK releases that support Node 20; the SDK's notice
  // about later releases would only clutter the demo's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Everything runs on loopback; no client may look for instance metadata.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  heading('Starting a throwaway PostgreSQL and DynamoDB');
  const cluster = await startPostgresCluster();
  const dynamo = await startInProcessDynamoDb();
  say(
    `PostgreSQL on 127.0.0.1:${cluster.port}, DynamoDB API on ${dynamo.endpoint}`
  );

  try {
    await runSql(cluster.url, [
      'CREATE DATABASE shop',
      `CREATE ROLE sentinel_reader LOGIN PASSWORD '${READER_PASSWORD}'`,
    ]);
    const shopUrl = cluster.url.replace(/\/postgres$/, '/shop');
    await ensureLocalTable(dynamo.client, TABLE);

    heading('Deploy: the statements alembic upgrade head runs');
    await runSql(shopUrl, upgradeStatements());
    await runSql(shopUrl, [
      'GRANT SELECT ON alembic_version TO sentinel_reader',
    ]);
    for (const revision of SAMPLE_REVISIONS) {
      say(`applied ${revision.id}  ${revision.message}`);
    }

    const target = targetSchema.parse({
      id: 'shop-prod',
      secretId: 'demo/shop',
      tls: 'disable',
    });
    const credentials = staticSource(
      withHiddenPassword(
        {
          host: cluster.host,
          port: cluster.port,
          database: 'shop',
          username: 'sentinel_reader',
        },
        READER_PASSWORD
      )
    );
    const attestations = dynamoAttestationStore(dynamo.client, TABLE);
    const head = SAMPLE_REVISIONS.at(-1)?.id ?? '';

    const stores = {
      credentials,
      readTable: postgresReader(undefined, { evidence: true }),
      attestations,
      manifests: dynamoManifestStore(dynamo.client, TABLE),
      schemaSnapshots: dynamoSchemaSnapshotStore(dynamo.client, TABLE),
      clock: () => new Date(),
    };
    const { manifest } = buildManifest(sampleScripts());
    const record = (deployId: string) =>
      recordDeploy(
        {
          target,
          heads: [head],
          deployId,
          commit: 'a1b2c3d',
          actor: 'ci',
          manifest,
        },
        stores
      );

    heading('Record: the pipeline attests what it applied');
    const recorded = await record('deploy-0042');
    say(describeAttestation(recorded.attestation, recorded.created));

    const verifier: VerifierDeps = {
      ...stores,
      alerts: printAlert,
      lifecycle: {
        states: dynamoAlertStateStore(dynamo.client, TABLE),
        audit: dynamoAuditTrail(dynamo.client, TABLE, 30),
        policy: DEFAULT_ALERT_POLICY,
      },
    };

    heading('Verify: the scheduled check');
    say(describeVerdict((await checkTarget(target, verifier)).verdict));

    for (const [index, attack] of ATTACKS.entries()) {
      heading(attack.scenario);
      say(attack.story);
      say(`attacker runs: ${attack.sql.join('; ')}`);
      await runSql(shopUrl, attack.sql);
      const { verdict } = await checkTarget(target, verifier);
      say();
      say(describeVerdict(verdict));

      say();
      say('The team restores the recorded head and records the repair;');
      say('the next check resolves:');
      await runSql(shopUrl, RESTORE);
      await record(`repair-${index + 1}`);
      await checkTarget(target, verifier);
    }

    heading('History: kept outside the database');
    await runHistory(
      { target: target.id, limit: 40, table: TABLE },
      say,
      dynamo.client
    );
  } finally {
    heading('Cleaning up');
    await dynamo.stop();
    await cluster.stop();
    say('stopped PostgreSQL and DynamoDB, removed their files');
  }
};

await main();
