import type { Attestation } from '../attestation.js';
import type { VersionTableRead } from '../observation.js';
import type { PrivilegeAudit } from '../privileges/privilege-audit.js';
import type { ObservedSchema } from '../schema/schema-object.js';
import type { WriteEvidence } from './write-evidence.js';

/**
 * Everything a read found besides the version values, in the same READ
 * ONLY transaction: write evidence of the version table, the schema
 * snapshot, and the privilege audit.
 */
interface DatabaseEvidence {
  /** Absent when the version "table" is a view or foreign table. */
  readonly writes?: WriteEvidence;
  readonly schema: ObservedSchema;
  readonly privileges: PrivilegeAudit;
}

/** What an attestation keeps of the evidence: small, read every check. */
type AttestedEvidence = Pick<Attestation, 'writes' | 'schema'>;

/** The evidence of a read, if it has any. */
const evidenceOf = (read: VersionTableRead): DatabaseEvidence | undefined =>
  read.kind === 'rows' ? read.evidence : undefined;

/**
 * The part of a read's evidence the recorder stores in the attestation:
 * the write evidence as read, and the schema digest with its size. The
 * schema detail goes to its own item.
 */
const attestedEvidence = (read: VersionTableRead): AttestedEvidence => {
  const evidence = evidenceOf(read);
  if (evidence === undefined) return {};
  return {
    ...(evidence.writes && { writes: evidence.writes }),
    schema: {
      digest: evidence.schema.digest,
      objectCount: evidence.schema.objects.length,
    },
  };
};

/**
 * The attested schema digest whose detail would explain a difference, or
 * undefined when there is nothing to explain: no schema on either side,
 * or the same digest. Callers load the detail only then.
 */
const schemaDetailToLoad = (
  read: VersionTableRead,
  attestation: Attestation | undefined
): string | undefined => {
  const observed = evidenceOf(read)?.schema.digest;
  const attested = attestation?.schema?.digest;
  if (observed === undefined || attested === undefined) return undefined;
  return observed === attested ? undefined : attested;
};

/** The read with its values only, for judging the version rows alone. */
const withoutEvidence = (read: VersionTableRead): VersionTableRead =>
  read.kind === 'rows' ? { kind: 'rows', values: read.values } : read;

export type { AttestedEvidence, DatabaseEvidence };
export { attestedEvidence, evidenceOf, schemaDetailToLoad, withoutEvidence };
