import { namedSome, newFinding } from '../evidence/new-finding.js';
import { type Finding, FindingCode } from '../findings.js';
import { printableValue } from '../revision-value.js';
import { withoutExcluded } from './exclusion.js';
import { diffSchemas, isSameSchema, type SchemaDiff } from './schema-diff.js';
import type {
  AttestedSchema,
  ObservedSchema,
  SchemaSnapshot,
} from './schema-object.js';

const DIGEST_SHOWN = 12;

const shortDigest = (digest: string): string =>
  `sha256:${digest.slice(0, DIGEST_SHOWN)}`;

const listed = (keys: readonly string[]): string =>
  namedSome(keys.map((key) => printableValue(key)));

/** "added table public.x; changed column public.users.email (default)". */
const describeDiff = (diff: SchemaDiff): string =>
  [
    diff.added.length > 0 ? `added ${listed(diff.added)}` : '',
    diff.removed.length > 0 ? `removed ${listed(diff.removed)}` : '',
    diff.changed.length > 0
      ? `changed ${namedSome(
          diff.changed.map(
            (change) =>
              `${printableValue(change.key)} (${change.fields.join(', ')})`
          )
        )}`
      : '',
  ]
    .filter((part) => part !== '')
    .join('; ');

/**
 * SCHEMA_DRIFT when the schema digest of a check differs from the one the
 * attestation recorded. With the attested detail (loaded only then), the
 * finding names the objects added, removed and changed, after applying
 * the check's exclusions to both sides; a difference that exclusions
 * alone explain is no finding. Without the detail it gives the digests.
 */
const schemaFindings = (
  observed: ObservedSchema,
  attested: AttestedSchema,
  deployId: string,
  detail?: SchemaSnapshot
): Finding[] => {
  if (observed.digest === attested.digest) return [];
  const values = {
    expected: [`schema ${shortDigest(attested.digest)}`],
    observed: [`schema ${shortDigest(observed.digest)}`],
  };

  if (detail === undefined || detail.digest !== attested.digest) {
    return [
      newFinding(
        FindingCode.schemaDrift,
        `schema differs from the one deploy ${deployId} recorded ` +
          `(${attested.objectCount} objects, ` +
          `${shortDigest(attested.digest)}; now ${observed.objects.length}` +
          `, ${shortDigest(observed.digest)}); recorded detail not loaded`,
        values
      ),
    ];
  }

  const before = withoutExcluded(detail.objects, observed.exclude);
  const diff = diffSchemas(before, observed.objects);
  if (isSameSchema(diff)) return [];
  return [
    newFinding(
      FindingCode.schemaDrift,
      `schema differs from the one deploy ${deployId} recorded: ` +
        describeDiff(diff),
      values
    ),
  ];
};

export { schemaFindings };
