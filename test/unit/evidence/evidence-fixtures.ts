import type { Attestation } from '../../../lambdas/core/attestation.js';
import type { DatabaseEvidence } from '../../../lambdas/core/evidence/database-evidence.js';
import type { WriteEvidence } from '../../../lambdas/core/evidence/write-evidence.js';
import type { Observation } from '../../../lambdas/core/observation.js';
import type { PrivilegeAudit } from '../../../lambdas/core/privileges/privilege-audit.js';
import { fingerprintSchema } from '../../../lambdas/core/schema/fingerprint.js';
import type {
  ObservedSchema,
  SchemaObject,
} from '../../../lambdas/core/schema/schema-object.js';

const HEAD = '9e7b6a5d4c38';

/** Write evidence of a one-row version table, with overrides. */
const writes = (overrides: Partial<WriteEvidence> = {}): WriteEvidence => ({
  tableOid: '16385',
  relfilenode: '16385',
  rows: [{ value: HEAD, xmin: '741' }],
  counters: { inserted: 1, updated: 2, deleted: 0, hotUpdated: 2 },
  statsResetAt: '2026-12-01T00:00:00.000Z',
  ...overrides,
});

const column = (name: string, definition: object): SchemaObject => ({
  key: `column public.users.${name}`,
  names: ['public.users'],
  definition: { ...definition },
});

/** A small schema: the users table and two columns. */
const SHOP_OBJECTS: readonly SchemaObject[] = [
  { key: 'table public.users', names: ['public.users'], definition: {} },
  column('id', { type: 'integer', notNull: true }),
  column('email', { type: 'text', notNull: true }),
];

const observedSchema = (
  objects: readonly SchemaObject[] = SHOP_OBJECTS,
  exclude: readonly string[] = []
): ObservedSchema => ({
  ...fingerprintSchema(objects, exclude),
  schemas: ['public'],
  exclude,
});

const readOnlyAudit = (
  overrides: Partial<PrivilegeAudit> = {}
): PrivilegeAudit => ({
  writers: [
    { role: 'migrator', privileges: ['DELETE', 'INSERT'], via: ['owner'] },
  ],
  login: 'sentinel',
  loginCanWrite: [],
  ...overrides,
});

const evidence = (
  overrides: Partial<DatabaseEvidence> = {}
): DatabaseEvidence => ({
  writes: writes(),
  schema: observedSchema(),
  privileges: readOnlyAudit(),
  ...overrides,
});

/** An observation of HEAD with evidence. */
const observed = (
  overrides: Partial<DatabaseEvidence> = {},
  values: readonly string[] = [HEAD]
): Observation => ({
  targetId: 'shop',
  observedAt: '2026-12-04T10:00:00.000Z',
  table: { kind: 'rows', values, evidence: evidence(overrides) },
});

/** The attestation recorded at the deploy the fixtures describe. */
const attested = (overrides: Partial<Attestation> = {}): Attestation => {
  const schema = observedSchema();
  return {
    targetId: 'shop',
    sequence: 4,
    heads: [HEAD],
    deployId: 'deploy-4',
    recordedAt: '2026-12-01T09:00:00.000Z',
    writes: writes(),
    schema: { digest: schema.digest, objectCount: schema.objects.length },
    ...overrides,
  };
};

export {
  attested,
  column,
  evidence,
  HEAD,
  observed,
  observedSchema,
  readOnlyAudit,
  SHOP_OBJECTS,
  writes,
};
