import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { AlertMessage } from '../../lambdas/core/alert-message.js';
import { judge } from '../../lambdas/core/compare.js';
import { withHiddenPassword } from '../../lambdas/core/credentials.js';
import { FindingCode } from '../../lambdas/core/findings.js';
import { type Target, targetSchema } from '../../lambdas/core/target.js';
import { VerdictStatus } from '../../lambdas/core/verdict.js';
import {
  type AttestationStore,
  dynamoAttestationStore,
} from '../../lambdas/io/attestation-store.js';
import {
  type CredentialsSource,
  staticSource,
} from '../../lambdas/io/credentials.js';
import {
  dynamoSchemaSnapshotStore,
  type SchemaSnapshotStore,
} from '../../lambdas/io/evidence/schema-snapshot-store.js';
import { ensureLocalTable } from '../../lambdas/io/table.js';
import { postgresReader } from '../../lambdas/io/version-table.js';
import { judgeContextFor, readVersionTable } from '../../lambdas/observe.js';
import { recordDeploy } from '../../lambdas/recorder.js';
import { checkTarget } from '../../lambdas/verifier.js';
import {
  dynamoClient,
  freshDatabase,
  superuserClient,
  uniqueName,
} from '../support/servers.js';

const ALEMBIC = process.env.SENTINEL_TEST_ALEMBIC ?? '/usr/bin/alembic';
const ALEMBIC_INI = fileURLToPath(
  new URL('../fixtures/alembic-app-evidence/alembic.ini', import.meta.url)
);
const HEAD = '9e7b6a5d4c38';
const RESET_TOKENS = 'c4d2e8f61a07';
const PASSWORD = 'Alembic-Evidence-Pa55';
const readTable = postgresReader(undefined, { evidence: true });

/** Runs the real Alembic on the fixture copy; rejects when it fails. */
const alembic = (url: string, ...args: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(
      ALEMBIC,
      ['-c', ALEMBIC_INI, ...args],
      {
        env: {
          ...process.env,
          SENTINEL_TEST_ALEMBIC_URL: url,
          PYTHONDONTWRITEBYTECODE: '1',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`alembic ${args.join(' ')}: ${stderr}`))
          : resolve(stdout)
    );
  });

interface Shop {
  readonly url: string;
  readonly target: Target;
  readonly credentials: CredentialsSource;
}

let attestations: AttestationStore;
let schemaSnapshots: SchemaSnapshotStore;

/** A database migrated by Alembic to `revision`, with a SELECT-only login. */
const shopAt = async (revision: string): Promise<Shop> => {
  const db = await freshDatabase('evidence_alembic');
  const password = encodeURIComponent(inject('pgSuperuserPassword'));
  const url =
    `postgresql+psycopg2://postgres:${password}@127.0.0.1:` +
    `${inject('pgPort')}/${db.database}`;
  await alembic(url, 'upgrade', revision);

  const admin = await superuserClient(db.database);
  const role = uniqueName('alembic_reader');
  await admin.query(`create role ${role} login password '${PASSWORD}'`);
  await admin.query(`grant select on alembic_version to ${role}`);
  await admin.end();

  const login = withHiddenPassword(
    {
      host: '127.0.0.1',
      port: inject('pgPort'),
      database: db.database,
      username: role,
    },
    PASSWORD
  );
  const target = targetSchema.parse({
    id: uniqueName('shop'),
    secretId: 'unused',
    tls: 'disable',
  });
  return { url, target, credentials: staticSource(login) };
};

const record = (shop: Shop, heads: string[], deployId: string) =>
  recordDeploy(
    { target: shop.target, heads, deployId },
    {
      credentials: shop.credentials,
      readTable,
      attestations,
      schemaSnapshots,
      clock: () => new Date('2026-12-04T09:00:00.000Z'),
    }
  );

/** One scheduled check through the verifier, alerts captured. */
const verify = async (shop: Shop) => {
  const sent: AlertMessage[] = [];
  const { verdict } = await checkTarget(shop.target, {
    credentials: shop.credentials,
    readTable,
    attestations,
    alerts: async (message) => {
      sent.push(message);
    },
    clock: () => new Date('2026-12-04T10:00:00.000Z'),
  });
  return { verdict, sent };
};

/** A check that also loads the attested schema detail when needed. */
const explain = async (shop: Shop) => {
  const deps = { credentials: shop.credentials, readTable, schemaSnapshots };
  const table = await readVersionTable(shop.target, deps);
  const attestation = await attestations.latest(shop.target.id);
  const context = await judgeContextFor(shop.target, table, attestation, deps);
  return judge(
    { targetId: shop.target.id, observedAt: '2026-12-04T10:00:00Z', table },
    attestation,
    context
  );
};

const codes = (verdict: { findings: readonly { code: string }[] }) =>
  verdict.findings.map((finding) => finding.code);

beforeAll(async () => {
  const tableName = uniqueName('evidence_alembic');
  await ensureLocalTable(dynamoClient(), tableName);
  attestations = dynamoAttestationStore(dynamoClient(), tableName);
  schemaSnapshots = dynamoSchemaSnapshotStore(dynamoClient(), tableName);
});

describe('Evidence with real Alembic on PostgreSQL and DynamoDB Local', () => {
  it('catches alembic stamp forward even after the attested value is stamped back', async () => {
    const shop = await shopAt(HEAD);
    const { attestation } = await record(shop, [HEAD], 'deploy-1');
    expect(attestation.writes?.rows).toEqual([
      { value: HEAD, xmin: expect.any(String) },
    ]);
    expect((await verify(shop)).verdict.status).toBe(VerdictStatus.ok);

    await alembic(shop.url, 'stamp', RESET_TOKENS);
    const forward = await verify(shop);
    await alembic(shop.url, 'stamp', HEAD);
    const back = await verify(shop);

    expect(codes(forward.verdict)).toEqual([FindingCode.versionMismatch]);
    expect(codes(back.verdict)).toEqual([FindingCode.rowRewritten]);
    expect(back.sent[0]?.subject).toContain('ROW_REWRITTEN');
    expect(back.sent[0]?.text).toContain('restored or rewritten');
  });

  it('catches a security migration undone while the version value is forged to match', async () => {
    const shop = await shopAt(RESET_TOKENS);
    await record(shop, [RESET_TOKENS], 'deploy-1');

    await alembic(shop.url, 'downgrade', HEAD);
    await alembic(shop.url, 'stamp', RESET_TOKENS);
    const verdict = await explain(shop);
    const { verdict: alerted } = await verify(shop);

    expect(codes(verdict)).toEqual([
      FindingCode.rowRewritten,
      FindingCode.schemaDrift,
    ]);
    expect(verdict.findings[1]?.summary).toContain(
      'removed column public.users.reset_token_hash, ' +
        'index public.users_reset_token_hash_idx'
    );
    expect(codes(alerted)).toContain(FindingCode.schemaDrift);
  });

  it('records with the migration login, since evidence findings never refuse a record', async () => {
    const shop = await shopAt(HEAD);
    const superuser = staticSource(
      withHiddenPassword(
        {
          host: '127.0.0.1',
          port: inject('pgPort'),
          database: new URL(shop.url).pathname.slice(1),
          username: 'postgres',
        },
        inject('pgSuperuserPassword')
      )
    );

    const { created, attestation } = await record(
      { ...shop, credentials: superuser },
      [HEAD],
      'deploy-1'
    );

    expect(created).toBe(true);
    expect(attestation.schema?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await schemaSnapshots.get(
        shop.target.id,
        attestation.schema?.digest ?? ''
      )
    ).toBeDefined();
  });

  it('returns OK again once the next legitimate deploy is recorded', async () => {
    const shop = await shopAt(HEAD);
    await record(shop, [HEAD], 'deploy-1');

    await alembic(shop.url, 'upgrade', RESET_TOKENS);
    await record(shop, [RESET_TOKENS], 'deploy-2');

    expect((await explain(shop)).status).toBe(VerdictStatus.ok);
  });
});
