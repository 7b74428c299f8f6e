import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprintSchema } from '../../lambdas/core/schema/fingerprint.js';
import type { SchemaObject } from '../../lambdas/core/schema/schema-object.js';
import {
  dynamoSchemaSnapshotStore,
  type SchemaSnapshotStore,
} from '../../lambdas/io/evidence/schema-snapshot-store.js';
import { ensureLocalTable } from '../../lambdas/io/table.js';
import { dynamoClient, uniqueName } from '../support/servers.js';

const USERS: SchemaObject[] = [
  { key: 'table public.users', names: ['public.users'], definition: {} },
  {
    key: 'column public.users.email',
    names: ['public.users'],
    definition: { type: 'text', notNull: true },
  },
];

let snapshots: SchemaSnapshotStore;

beforeAll(async () => {
  const tableName = uniqueName('schema_snapshots');
  await ensureLocalTable(dynamoClient(), tableName);
  snapshots = dynamoSchemaSnapshotStore(dynamoClient(), tableName);
});

describe('Function: dynamoSchemaSnapshotStore on DynamoDB Local', () => {
  it('returns what was put, and nothing for an unknown digest', async () => {
    const schema = fingerprintSchema(USERS);
    await snapshots.put('shop', schema, '2026-12-04T09:00:00.000Z');
    await snapshots.put('shop', schema, '2026-12-04T09:05:00.000Z');

    const loaded = await snapshots.get('shop', schema.digest);

    expect(loaded).toEqual(schema);
    expect(await snapshots.get('shop', 'f'.repeat(64))).toBeUndefined();
  });

  it('keeps the snapshots of two targets apart', async () => {
    const schema = fingerprintSchema(USERS);
    await snapshots.put('shop', schema, '2026-12-04T09:00:00.000Z');

    expect(await snapshots.get('billing', schema.digest)).toBeUndefined();
  });

  it('splits a large snapshot into parts and joins them again', async () => {
    const big = fingerprintSchema(
      Array.from({ length: 400 }, (_, index) => ({
        key: `function public.f${index}()`,
        names: [`public.f${index}`],
        definition: { definition: randomBytes(1024).toString('hex') },
      }))
    );

    await snapshots.put('big', big, '2026-12-04T09:00:00.000Z');

    expect((await snapshots.get('big', big.digest))?.objects).toHaveLength(400);
  });
});
