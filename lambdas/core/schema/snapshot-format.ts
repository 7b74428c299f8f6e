import { StoreError } from '../errors.js';
import { canonicalValue } from './canonical-json.js';
import { SCHEMA_FORMAT, schemaDigest } from './fingerprint.js';
import type { SchemaObject, SchemaSnapshot } from './schema-object.js';

type ObjectRow = [key: string, names: string[], definition: unknown];

const isRow = (row: unknown): row is ObjectRow =>
  Array.isArray(row) &&
  row.length === 3 &&
  typeof row[0] === 'string' &&
  Array.isArray(row[1]) &&
  row[1].every((name: unknown) => typeof name === 'string');

/**
 * A snapshot as compact JSON for its own store item: the format name, the
 * digest, and each object as a row `[key, names, definition]`.
 */
const serialiseSnapshot = (snapshot: SchemaSnapshot): string =>
  JSON.stringify({
    format: SCHEMA_FORMAT,
    digest: snapshot.digest,
    objects: snapshot.objects.map((object) => [
      object.key,
      object.names,
      object.definition,
    ]),
  });

const unreadable = (why: string): StoreError =>
  new StoreError(`stored schema snapshot ${why}`);

/**
 * Reads a snapshot written by serialiseSnapshot and checks its digest
 * against its content. Throws StoreError when the text is not a snapshot
 * of this format, or was altered.
 */
const deserialiseSnapshot = (text: string): SchemaSnapshot => {
  let parsed: { format?: unknown; digest?: unknown; objects?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new StoreError('stored schema snapshot is not JSON', { cause });
  }
  if (parsed.format !== SCHEMA_FORMAT) {
    throw unreadable(
      `has format ${String(parsed.format)}, not ${SCHEMA_FORMAT}`
    );
  }
  if (!Array.isArray(parsed.objects) || !parsed.objects.every(isRow)) {
    throw unreadable('has no valid object rows');
  }

  const objects: SchemaObject[] = parsed.objects.map(
    ([key, names, definition]) => ({
      key,
      names,
      definition: canonicalValue(definition),
    })
  );
  const digest = schemaDigest(objects);
  if (digest !== parsed.digest) {
    throw unreadable(
      `digest ${String(parsed.digest)} does not match its content ` +
        `(${digest}); the item was altered or damaged`
    );
  }
  return { digest, objects };
};

export { deserialiseSnapshot, serialiseSnapshot };
