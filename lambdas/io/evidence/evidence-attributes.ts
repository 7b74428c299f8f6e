import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type {
  RowEvidence,
  WriteEvidence,
} from '../../core/evidence/write-evidence.js';
import type { AttestedSchema } from '../../core/schema/schema-object.js';

type Attribute = AttributeValue;
type Members = Record<string, AttributeValue>;

const number = (value: number): Attribute => ({ N: String(value) });

/** Write evidence as one map attribute: a few hundred bytes. */
const writesAttribute = (writes: WriteEvidence): Attribute => ({
  M: {
    tableOid: { S: writes.tableOid },
    relfilenode: { S: writes.relfilenode },
    rows: {
      L: writes.rows.map((row) => ({
        M: { value: { S: row.value }, xmin: { S: row.xmin } },
      })),
    },
    counters: {
      M: {
        inserted: number(writes.counters.inserted),
        updated: number(writes.counters.updated),
        deleted: number(writes.counters.deleted),
        hotUpdated: number(writes.counters.hotUpdated),
      },
    },
    ...(writes.statsResetAt !== undefined && {
      statsResetAt: { S: writes.statsResetAt },
    }),
  },
});

/** The schema digest and object count as one map attribute. */
const schemaAttribute = (schema: AttestedSchema): Attribute => ({
  M: { digest: { S: schema.digest }, objectCount: number(schema.objectCount) },
});

const counter = (members: Members, name: string): number =>
  Number(members[name]?.N ?? Number.NaN);

const rowOf = (attribute: Attribute): RowEvidence => ({
  value: attribute.M?.value?.S ?? '',
  xmin: attribute.M?.xmin?.S ?? '',
});

/** The write evidence of an item, or undefined when it has none. */
const writesFrom = (attribute?: Attribute): WriteEvidence | undefined => {
  const members = attribute?.M;
  if (members === undefined) return undefined;
  const counters = members.counters?.M ?? {};
  const statsResetAt = members.statsResetAt?.S;
  return {
    tableOid: members.tableOid?.S ?? '',
    relfilenode: members.relfilenode?.S ?? '',
    rows: (members.rows?.L ?? []).map(rowOf),
    counters: {
      inserted: counter(counters, 'inserted'),
      updated: counter(counters, 'updated'),
      deleted: counter(counters, 'deleted'),
      hotUpdated: counter(counters, 'hotUpdated'),
    },
    ...(statsResetAt !== undefined && { statsResetAt }),
  };
};

/** The schema digest of an item, or undefined when it has none. */
const schemaFrom = (attribute?: Attribute): AttestedSchema | undefined => {
  const digest = attribute?.M?.digest?.S;
  if (digest === undefined) return undefined;
  return { digest, objectCount: counter(attribute?.M ?? {}, 'objectCount') };
};

export { schemaAttribute, schemaFrom, writesAttribute, writesFrom };
