import type pg from 'pg';
import { fingerprintSchema } from '../../core/schema/fingerprint.js';
import type {
  CanonicalValue,
  ObservedSchema,
  SchemaObject,
} from '../../core/schema/schema-object.js';
import type { Target } from '../../core/target.js';
import { RELATION_QUERIES } from './schema-relation-sql.js';
import { ROUTINE_QUERIES } from './schema-routine-sql.js';

/** Every object kind in one statement: one round trip per check. */
const SCHEMA_OBJECTS = [...RELATION_QUERIES, ...ROUTINE_QUERIES].join(
  '\nunion all\n'
);

interface ObjectRow {
  readonly key: string;
  readonly names: string[];
  readonly definition: CanonicalValue;
}

/** A row as the fingerprint needs it; anything else is a bug here. */
const toObject = (row: ObjectRow): SchemaObject => {
  if (!Array.isArray(row.names) || typeof row.key !== 'string') {
    throw new TypeError(`catalog row ${String(row.key)} is malformed`);
  }
  return { key: row.key, names: row.names, definition: row.definition };
};

/** The schemas a target's fingerprint covers. */
const fingerprintedSchemas = (target: Target): readonly string[] =>
  target.schemas ?? [target.schema];

/**
 * Reads and fingerprints the target's schemas inside the caller's
 * transaction, which must have search_path set to pg_catalog so that
 * definitions name every user object with its schema.
 */
const readSchema = async (
  client: pg.Client,
  target: Target
): Promise<ObservedSchema> => {
  const schemas = fingerprintedSchemas(target);
  const exclude = target.schemaExclude ?? [];
  const result = await client.query<ObjectRow>(SCHEMA_OBJECTS, [schemas]);
  const snapshot = fingerprintSchema(result.rows.map(toObject), exclude);
  return { ...snapshot, schemas, exclude };
};

export { readSchema };
