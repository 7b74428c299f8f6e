import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Attestation } from '../core/attestation.js';
import { StoreError } from '../core/errors.js';
import {
  schemaAttribute,
  schemaFrom,
  writesAttribute,
  writesFrom,
} from './evidence/evidence-attributes.js';

type Item = Record<string, AttributeValue>;

const SEQUENCE_DIGITS = 12;

/** Partition key of a target's attestations (see docs/storage.md). */
const attestationPartition = (targetId: string): string =>
  `ATTESTATION#${targetId}`;

const sequenceKey = (sequence: number): string =>
  String(sequence).padStart(SEQUENCE_DIGITS, '0');

const optionalString = (name: string, value: string | undefined): Item =>
  value === undefined ? {} : { [name]: { S: value } };

const toItem = (attestation: Attestation): Item => ({
  pk: { S: attestationPartition(attestation.targetId) },
  sk: { S: sequenceKey(attestation.sequence) },
  targetId: { S: attestation.targetId },
  sequence: { N: String(attestation.sequence) },
  heads: { L: attestation.heads.map((head) => ({ S: head })) },
  deployId: { S: attestation.deployId },
  recordedAt: { S: attestation.recordedAt },
  ...optionalString('commit', attestation.commit),
  ...optionalString('actor', attestation.actor),
  ...(attestation.writes && { writes: writesAttribute(attestation.writes) }),
  ...(attestation.schema && { schema: schemaAttribute(attestation.schema) }),
  ...optionalString('manifestDigest', attestation.manifestDigest),
});

const requireString = (item: Item, name: string): string => {
  const value = item[name]?.S;
  if (value === undefined) {
    throw new StoreError(
      `attestation item ${item.pk?.S}/${item.sk?.S} lacks "${name}"`
    );
  }
  return value;
};

const fromItem = (item: Item): Attestation => {
  const heads = (item.heads?.L ?? []).map((head) => head.S ?? '');
  const commit = item.commit?.S;
  const actor = item.actor?.S;
  const writes = writesFrom(item.writes);
  const schema = schemaFrom(item.schema);
  const manifestDigest = item.manifestDigest?.S;
  return {
    targetId: requireString(item, 'targetId'),
    sequence: Number(item.sequence?.N ?? Number.NaN),
    heads,
    deployId: requireString(item, 'deployId'),
    recordedAt: requireString(item, 'recordedAt'),
    ...(commit !== undefined && { commit }),
    ...(actor !== undefined && { actor }),
    ...(writes && { writes }),
    ...(schema && { schema }),
    ...(manifestDigest !== undefined && { manifestDigest }),
  };
};

export { attestationPartition, fromItem, sequenceKey, toItem };
