import type { Attestation } from './core/attestation.js';
import type { JudgeContext } from './core/compare.js';
import type { DatabaseCredentials } from './core/credentials.js';
import {
  DatabaseFailureReason,
  DatabaseUnavailableError,
  StoreError,
} from './core/errors.js';
import { schemaDetailToLoad } from './core/evidence/database-evidence.js';
import type { VersionTableRead } from './core/observation.js';
import type { Target } from './core/target.js';
import type { CredentialsSource } from './io/credentials.js';
import type { SchemaSnapshotStore } from './io/evidence/schema-snapshot-store.js';
import type { VersionTableReader } from './io/version-table.js';

interface ObserveDeps {
  readonly credentials: CredentialsSource;
  readonly readTable: VersionTableReader;
  /**
   * Schema snapshots by digest. The recorder stores one per deploy; the
   * verifier loads one only when the schema digest differs, so that
   * SCHEMA_DRIFT can name objects.
   * @default - digests only: drift is reported without object names
   */
  readonly schemaSnapshots?: SchemaSnapshotStore;
}

const isAuthenticationFailure = (error: unknown): boolean =>
  error instanceof DatabaseUnavailableError &&
  error.reason === DatabaseFailureReason.authentication;

/**
 * Reads a target's version table. When cached credentials are refused
 * (rotated since they were fetched), fetches them again and retries once.
 */
const readVersionTable = async (
  target: Target,
  deps: ObserveDeps
): Promise<VersionTableRead> => {
  const credentials: DatabaseCredentials = await deps.credentials.get(target);
  try {
    return await deps.readTable(target, credentials);
  } catch (error) {
    if (!isAuthenticationFailure(error)) throw error;
    deps.credentials.invalidate(target);
    return deps.readTable(target, await deps.credentials.get(target));
  }
};

/**
 * What `judge` needs besides the read and the attestation: the attested
 * schema detail, loaded only when the schema digests differ and a store
 * is given. A detail that cannot be loaded is left out; the drift is
 * still reported, by digest.
 */
const judgeContextFor = async (
  target: Target,
  read: VersionTableRead,
  attestation: Attestation | undefined,
  deps: Pick<ObserveDeps, 'schemaSnapshots'>
): Promise<JudgeContext> => {
  const digest = schemaDetailToLoad(read, attestation);
  if (digest === undefined || deps.schemaSnapshots === undefined) return {};
  try {
    const attestedSchema = await deps.schemaSnapshots.get(target.id, digest);
    return attestedSchema === undefined ? {} : { attestedSchema };
  } catch (error) {
    if (error instanceof StoreError) return {};
    throw error;
  }
};

export type { ObserveDeps };
export { judgeContextFor, readVersionTable };
