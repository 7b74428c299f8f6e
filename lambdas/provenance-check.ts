import { ConfigurationError } from './core/errors.js';

/** Longest deploy id, commit or actor we store and show in alerts. */
const PROVENANCE_MAX_LENGTH = 200;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const FLAGS = {
  deployId: '--deploy-id',
  commit: '--commit',
  actor: '--actor',
} as const;

/**
 * Refuses provenance that would be unsafe or useless in an alert: an empty
 * deploy id, more than 200 characters, or anything outside printable ASCII
 * (a newline or escape code could forge lines of an alert or a log).
 */
const checkProvenance = (provenance: {
  readonly deployId: string;
  readonly commit?: string;
  readonly actor?: string;
}): void => {
  for (const field of ['deployId', 'commit', 'actor'] as const) {
    const value = provenance[field];
    if (value === undefined) continue;
    const problem =
      field === 'deployId' && value.trim() === ''
        ? 'must not be empty'
        : value.length > PROVENANCE_MAX_LENGTH
          ? `must be at most ${PROVENANCE_MAX_LENGTH} characters`
          : !PRINTABLE_ASCII.test(value)
            ? 'must be printable ASCII (no newlines or control characters)'
            : undefined;
    if (problem !== undefined) {
      throw new ConfigurationError(`${field} (${FLAGS[field]}) ${problem}`);
    }
  }
};

export { checkProvenance, PROVENANCE_MAX_LENGTH };
