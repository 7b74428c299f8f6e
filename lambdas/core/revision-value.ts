/** Longest value we accept as a revision id; Alembic's column is 32 wide. */
const MAX_REVISION_LENGTH = 255;

const MalformedReason = {
  empty: 'is empty',
  whitespace: 'has surrounding or inner whitespace',
  nonPrintable: 'has characters outside printable ASCII',
  overLong: `is longer than ${MAX_REVISION_LENGTH} characters`,
} as const;

type MalformedReason = (typeof MalformedReason)[keyof typeof MalformedReason];

const NON_PRINTABLE = /[^\x21-\x7e]/;
const WHITESPACE = /\s/;

/**
 * Why a version_num value can never be a revision id, or undefined when it
 * is well formed. Revision ids are printable ASCII without whitespace.
 */
const malformedReason = (value: string): MalformedReason | undefined => {
  if (value.length === 0) return MalformedReason.empty;
  if (value.length > MAX_REVISION_LENGTH) return MalformedReason.overLong;
  if (WHITESPACE.test(value)) return MalformedReason.whitespace;
  if (NON_PRINTABLE.test(value)) return MalformedReason.nonPrintable;
  return undefined;
};

/**
 * A value made safe to show in an alert or a log: everything outside
 * printable ASCII, and the backslash itself, is escaped as \u{hex}, and
 * the length is capped, so a forged row cannot forge lines or escapes.
 */
const printableValue = (value: string, maxLength = 80): string => {
  const escaped = value.replace(
    /[^\x20-\x5b\x5d-\x7e]/gu,
    (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`
  );
  return escaped.length > maxLength
    ? `${escaped.slice(0, maxLength)}... (${value.length} chars)`
    : escaped;
};

/** How many values a list in a message shows before "and N more". */
const VALUES_LISTED = 20;

/**
 * Values for a message line: each escaped, at most `max` of them, with
 * "(unknown)" for no list and "(none)" for an empty one.
 */
const listValues = (
  values: readonly string[] | undefined,
  max: number = VALUES_LISTED
): string => {
  if (values === undefined) return '(unknown)';
  if (values.length === 0) return '(none)';
  const shown = values.slice(0, max).map((value) => printableValue(value));
  const more = values.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
};

export {
  listValues,
  MAX_REVISION_LENGTH,
  MalformedReason,
  malformedReason,
  printableValue,
  VALUES_LISTED,
};
