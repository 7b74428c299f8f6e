import { createHash } from 'node:crypto';
import {
  canonicalJson,
  canonicalValue,
  compareText,
} from './canonical-json.js';
import { withoutExcluded } from './exclusion.js';
import type { SchemaObject, SchemaSnapshot } from './schema-object.js';

/** Names the digest's input format; a new format gives new digests. */
const SCHEMA_FORMAT = 'alembic-sentinel/schema/1';

const byKeyThenDefinition = (a: SchemaObject, b: SchemaObject): number =>
  a.key === b.key
    ? compareText(canonicalJson(a.definition), canonicalJson(b.definition))
    : compareText(a.key, b.key);

/**
 * The digest of canonical objects already sorted by key: sha256 over the
 * format name and each key with its definition. Names for exclusion are
 * not part of it; they follow from the key.
 */
const schemaDigest = (objects: readonly SchemaObject[]): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        SCHEMA_FORMAT,
        objects.map((object) => [object.key, object.definition]),
      ])
    )
    .digest('hex');

/**
 * A deterministic snapshot of catalog objects: definitions made canonical,
 * excluded objects dropped, the rest sorted by key, then digested. The
 * order objects arrive in does not matter.
 */
const fingerprintSchema = (
  objects: readonly SchemaObject[],
  exclude: readonly string[] = []
): SchemaSnapshot => {
  const canonical = withoutExcluded(objects, exclude)
    .map((object) => ({
      key: object.key,
      names: [...object.names].sort(compareText),
      definition: canonicalValue(object.definition),
    }))
    .sort(byKeyThenDefinition);
  return { digest: schemaDigest(canonical), objects: canonical };
};

export { fingerprintSchema, SCHEMA_FORMAT, schemaDigest };
