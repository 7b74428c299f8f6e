import { CATALOGUE } from '../catalogue.js';
import type { Finding, FindingCode } from '../findings.js';

/**
 * A finding of `code` with the catalogue's severity. `expected` and
 * `observed` identify the problem across checks, so keep them free of
 * values that change while the problem stays the same.
 */
const newFinding = (
  code: FindingCode,
  summary: string,
  values: Pick<Finding, 'expected' | 'observed'> = {}
): Finding => ({
  code,
  severity: CATALOGUE[code].severity,
  summary,
  ...values,
});

/** At most `limit` names, then how many more there are. */
const namedSome = (names: readonly string[], limit = 8): string =>
  names.length <= limit
    ? names.join(', ')
    : `${names.slice(0, limit).join(', ')} and ${names.length - limit} more`;

export { namedSome, newFinding };
