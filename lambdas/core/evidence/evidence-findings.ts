import type { Attestation } from '../attestation.js';
import type { Finding } from '../findings.js';
import { privilegeFindings } from '../privileges/privilege-findings.js';
import { schemaFindings } from '../schema/drift-findings.js';
import type { SchemaSnapshot } from '../schema/schema-object.js';
import type { DatabaseEvidence } from './database-evidence.js';
import { writeFindings } from './write-findings.js';

/** What judge may be given besides the observation and attestation. */
interface JudgeContext {
  /**
   * The schema detail stored for the attestation's digest, loaded only
   * when the observed digest differs; lets SCHEMA_DRIFT name objects.
   */
  readonly attestedSchema?: SchemaSnapshot;
}

interface EvidenceInputs {
  readonly evidence: DatabaseEvidence | undefined;
  readonly attestation: Attestation | undefined;
  /** Whether the rows hold exactly the attested heads. */
  readonly headsMatch: boolean;
  readonly context: JudgeContext;
}

/**
 * Findings from the evidence of a read. Write evidence is compared only
 * when the rows hold the attested heads (otherwise VERSION_MISMATCH says
 * it all); the schema whenever the attestation recorded one; privileges
 * on every read. Attestations recorded before evidence existed, and reads
 * without evidence, give no evidence findings.
 */
const evidenceFindings = (inputs: EvidenceInputs): Finding[] => {
  const { evidence, attestation, headsMatch, context } = inputs;
  if (evidence === undefined) return [];

  const writes =
    attestation?.writes && evidence.writes && headsMatch
      ? writeFindings(evidence.writes, attestation.writes, attestation.deployId)
      : [];
  const schema = attestation?.schema
    ? schemaFindings(
        evidence.schema,
        attestation.schema,
        attestation.deployId,
        context.attestedSchema
      )
    : [];
  return [...writes, ...schema, ...privilegeFindings(evidence.privileges)];
};

export type { JudgeContext };
export { evidenceFindings };
