import type { SchemaObject } from './schema-object.js';

const REGEX_SPECIAL = /[\\^$.+()[\]{}|/]/g;

const globSource = (pattern: string): string =>
  pattern
    .replace(REGEX_SPECIAL, (char) => `\\${char}`)
    .replaceAll('*', '.*')
    .replaceAll('?', '.');

/**
 * A test for the target's `schemaExclude` patterns. A pattern with a dot
 * is matched against `schema.name`, one without against the name in any
 * schema; `*` stands for any characters, `?` for one. Matching is case
 * sensitive, like quoted identifiers. An object is excluded when its own
 * name or the name of the table it belongs to matches.
 */
const exclusionTest = (
  patterns: readonly string[]
): ((object: SchemaObject) => boolean) => {
  if (patterns.length === 0) return () => false;
  const expressions = patterns.map((pattern) => {
    const qualified = pattern.includes('.') ? pattern : `*.${pattern}`;
    return new RegExp(`^${globSource(qualified)}$`, 's');
  });
  return (object) =>
    object.names.some((name) =>
      expressions.some((expression) => expression.test(name))
    );
};

/** The objects no pattern excludes. */
const withoutExcluded = (
  objects: readonly SchemaObject[],
  patterns: readonly string[]
): SchemaObject[] => {
  const excluded = exclusionTest(patterns);
  return objects.filter((object) => !excluded(object));
};

export { exclusionTest, withoutExcluded };
