/**
 * Reads the heads a pipeline passes: revision ids separated by commas or
 * newlines, or the output of `alembic heads` pasted as is
 * ("9e7b6a5d4c38 (head)" per line). Only the first word of each item counts.
 */
const parseHeads = (values: readonly string[]): string[] =>
  values
    .flatMap((value) => value.split(/[,\n]/))
    .map((item) => item.trim().split(/\s+/)[0] ?? '')
    .filter((id) => id !== '');

export { parseHeads };
