import { canonicalJson, compareText } from './canonical-json.js';
import type { CanonicalValue, SchemaObject } from './schema-object.js';

/** One object present on both sides with another definition. */
interface ChangedObject {
  readonly key: string;
  /** Top-level definition fields that differ, e.g. `default`. */
  readonly fields: readonly string[];
}

/** How an observed schema differs from an attested one, by object key. */
interface SchemaDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly ChangedObject[];
}

const fieldsOf = (value: CanonicalValue): Record<string, CanonicalValue> =>
  typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, CanonicalValue>)
    : { value };

/** A field absent on one side (a default added) reads as null. */
const fieldText = (value: CanonicalValue | undefined): string =>
  value === undefined ? 'null' : canonicalJson(value);

const changedFields = (
  before: CanonicalValue,
  after: CanonicalValue
): string[] => {
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((field) => fieldText(a[field]) !== fieldText(b[field]))
    .sort(compareText);
};

const byKey = (objects: readonly SchemaObject[]) =>
  new Map(objects.map((object) => [object.key, object]));

/** Kinds whose objects other objects (columns, indexes...) belong to. */
const OWNER_KINDS = ['table ', 'view '];

/**
 * Keys left once the parts of a listed table go: an added table implies
 * its columns, constraints, indexes, triggers and policies.
 */
const withoutParts = (
  keys: readonly string[],
  objects: ReadonlyMap<string, SchemaObject>
): string[] => {
  const owners = new Set(
    keys
      .filter((key) => OWNER_KINDS.some((kind) => key.startsWith(kind)))
      .flatMap((key) => objects.get(key)?.names.slice(0, 1) ?? [])
  );
  return keys.filter((key) => {
    if (OWNER_KINDS.some((kind) => key.startsWith(kind))) return true;
    const names = objects.get(key)?.names ?? [];
    return !names.some((name) => owners.has(name));
  });
};

/**
 * The objects added, removed and changed between two snapshots, each
 * list sorted by key; the parts of an added or removed table are implied
 * by it and not listed. Empty lists mean the schemas are the same.
 */
const diffSchemas = (
  attested: readonly SchemaObject[],
  observed: readonly SchemaObject[]
): SchemaDiff => {
  const before = byKey(attested);
  const after = byKey(observed);
  const added = [...after.keys()].filter((key) => !before.has(key));
  const removed = [...before.keys()].filter((key) => !after.has(key));
  const changed = [...after.entries()].flatMap(([key, object]) => {
    const earlier = before.get(key);
    if (earlier === undefined) return [];
    const fields = changedFields(earlier.definition, object.definition);
    return fields.length === 0 ? [] : [{ key, fields }];
  });
  return {
    added: withoutParts(added, after).sort(compareText),
    removed: withoutParts(removed, before).sort(compareText),
    changed: changed.sort((a, b) => compareText(a.key, b.key)),
  };
};

/** True when the diff holds no difference. */
const isSameSchema = (diff: SchemaDiff): boolean =>
  diff.added.length + diff.removed.length + diff.changed.length === 0;

export type { ChangedObject, SchemaDiff };
export { diffSchemas, isSameSchema };
