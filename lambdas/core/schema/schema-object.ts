/** A JSON value in canonical form: sorted keys, no nulls. */
type CanonicalValue =
  | string
  | number
  | boolean
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue };

/**
 * One object of an application schema, described without volatile values
 * (no oids, no statistics, no sizes).
 */
interface SchemaObject {
  /** Kind and quoted name, e.g. `column public.users.email`. */
  readonly key: string;
  /**
   * Unquoted `schema.name` of the object and of the table it belongs to;
   * exclusion patterns are matched against these.
   */
  readonly names: readonly string[];
  readonly definition: CanonicalValue;
}

/** A canonical description of the schemas of a target, and its digest. */
interface SchemaSnapshot {
  /** sha256, hex, of the canonical objects. */
  readonly digest: string;
  /** Sorted by key. */
  readonly objects: readonly SchemaObject[];
}

/** The snapshot a check took, with the settings it was taken under. */
interface ObservedSchema extends SchemaSnapshot {
  readonly schemas: readonly string[];
  /** The target's schemaExclude patterns, applied to `objects`. */
  readonly exclude: readonly string[];
}

/** What the attestation keeps of the schema: small, for every check. */
interface AttestedSchema {
  readonly digest: string;
  readonly objectCount: number;
}

export type {
  AttestedSchema,
  CanonicalValue,
  ObservedSchema,
  SchemaObject,
  SchemaSnapshot,
};
