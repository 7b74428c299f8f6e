import type { CanonicalValue } from './schema-object.js';

/** Code-unit order, the same in every locale. */
const compareText = (a: string, b: string): number =>
  a < b ? -1 : a > b ? 1 : 0;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The canonical form of a JSON value: object keys sorted by code unit,
 * null and undefined members dropped, arrays kept in their order (an
 * array's order is part of what it says, e.g. enum labels) with a null
 * item written as an empty string, so positions hold. Throws
 * TypeError on values JSON cannot carry, such as functions.
 */
const canonicalValue = (value: unknown): CanonicalValue => {
  if (Array.isArray(value)) {
    return value.map((item) => canonicalValue(item ?? ''));
  }
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .sort(compareText)
      .flatMap((key) => {
        const member = value[key];
        return member === null || member === undefined
          ? []
          : [[key, canonicalValue(member)] as const];
      });
    return Object.fromEntries(entries);
  }
  if (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  ) {
    return value;
  }
  throw new TypeError(`cannot put a ${typeof value} in a schema description`);
};

/** JSON text of the canonical form: equal values give equal text. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(canonicalValue(value));

export { canonicalJson, canonicalValue, compareText };
