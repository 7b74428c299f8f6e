import { canonicalHeads, sameRows } from './core/attestation.js';
import { judge } from './core/compare.js';
import {
  AttestationConflictError,
  ConfigurationError,
  RecordRefusedError,
} from './core/errors.js';
import {
  attestedEvidence,
  evidenceOf,
  withoutEvidence,
} from './core/evidence/database-evidence.js';
import type { Manifest } from './core/manifest/manifest-format.js';
import type { VersionTableRead } from './core/observation.js';
import {
  listValues as listed,
  malformedReason,
  printableValue,
} from './core/revision-value.js';
import type { Target } from './core/target.js';
import { VerdictStatus } from './core/verdict.js';
import type { AppendResult, AttestationStore } from './io/attestation-store.js';
import type { ManifestStore } from './io/manifest-store.js';
import { checkHeadsInManifest } from './manifest-check.js';
import { type ObserveDeps, readVersionTable } from './observe.js';
import { checkProvenance } from './provenance-check.js';

/** What the pipeline says it has just applied. */
interface RecordRequest {
  readonly target: Target;
  readonly heads: readonly string[];
  readonly deployId: string;
  readonly commit?: string;
  readonly actor?: string;
  /** The manifest of the deployed scripts; stored by digest. */
  readonly manifest?: Manifest;
}

interface RecorderDeps extends ObserveDeps {
  readonly attestations: Pick<AttestationStore, 'append'>;
  readonly clock: () => Date;
  /** @default - manifests are not stored */
  readonly manifests?: Pick<ManifestStore, 'put'>;
}

const claimedHeads = (request: RecordRequest): string[] => {
  const heads = canonicalHeads(request.heads);
  if (heads.length === 0) {
    throw new ConfigurationError(
      'heads is empty; pass the revisions alembic upgrade applied ' +
        '(the output of `alembic heads`)'
    );
  }
  const bad = heads.find((head) => malformedReason(head) !== undefined);
  if (bad !== undefined) {
    throw new ConfigurationError(
      `head "${printableValue(bad)}" ${malformedReason(bad)}; ` +
        'pass revision ids as alembic prints them'
    );
  }
  return heads;
};

/** Stores the schema detail under its digest before any attestation names it. */
const storeSchemaDetail = async (
  targetId: string,
  table: VersionTableRead,
  recordedAt: string,
  deps: RecorderDeps
): Promise<void> => {
  const schema = evidenceOf(table)?.schema;
  if (schema === undefined || deps.schemaSnapshots === undefined) return;
  await deps.schemaSnapshots.put(
    targetId,
    { digest: schema.digest, objects: schema.objects },
    recordedAt
  );
};

/**
 * Records a legitimate deploy: reads the database itself, refuses when it
 * is not at the claimed heads, and appends an attestation with the write
 * evidence and schema digest read in the same transaction (the schema
 * detail goes to its own item first). Only the version rows decide a
 * refusal; evidence findings are the verifier's. Sending the same deploy
 * id again returns the first attestation.
 */
const recordDeploy = async (
  request: RecordRequest,
  deps: RecorderDeps
): Promise<AppendResult> => {
  checkProvenance(request);
  const heads = claimedHeads(request);
  const recordedAt = deps.clock().toISOString();
  const { target, manifest } = request;
  if (manifest) checkHeadsInManifest(heads, manifest);

  const table = await readVersionTable(target, deps);
  const claimed = {
    targetId: target.id,
    sequence: 0,
    heads,
    deployId: request.deployId,
    recordedAt,
  };
  const verdict = judge(
    {
      targetId: target.id,
      observedAt: recordedAt,
      table: withoutEvidence(table),
    },
    claimed
  );
  if (verdict.status !== VerdictStatus.ok) {
    const observed = verdict.observedRows ?? [];
    const why = verdict.findings.map((finding) => finding.summary).join('; ');
    throw new RecordRefusedError(
      `target ${target.id}: refusing to record; the database is at ` +
        `${listed(observed)}, not at the claimed ${listed(heads)} (${why})`,
      heads,
      observed
    );
  }

  await storeSchemaDetail(target.id, table, recordedAt, deps);
  if (manifest && deps.manifests) await deps.manifests.put(target.id, manifest);
  const result = await deps.attestations.append({
    targetId: target.id,
    heads,
    deployId: request.deployId,
    recordedAt,
    ...attestedEvidence(table),
    ...(manifest && deps.manifests && { manifestDigest: manifest.digest }),
    ...(request.commit !== undefined && { commit: request.commit }),
    ...(request.actor !== undefined && { actor: request.actor }),
  });
  if (!result.created && !sameRows(result.attestation.heads, heads)) {
    throw new AttestationConflictError(
      `target ${target.id}: deploy id ${request.deployId} was already ` +
        `recorded with heads ${listed(result.attestation.heads)}; ` +
        'give each deploy its own --deploy-id'
    );
  }
  return result;
};

export type { RecorderDeps, RecordRequest };
export { recordDeploy };
