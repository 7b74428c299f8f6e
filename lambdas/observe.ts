import type { DatabaseCredentials } from './core/credentials.js';
import {
  DatabaseFailureReason,
  DatabaseUnavailableError,
} from './core/errors.js';
import type { VersionTableRead } from './core/observation.js';
import type { Target } from './core/target.js';
import type { CredentialsSource } from './io/credentials.js';
import type { VersionTableReader } from './io/version-table.js';

interface ObserveDeps {
  readonly credentials: CredentialsSource;
  readonly readTable: VersionTableReader;
}

const isAuthenticationFailure = (error: unknown): boolean =>
  error instanceof DatabaseUnavailableError &&
  error.reason === DatabaseFailureReason.authentication;

/**
 * Reads a target's version table. When cached credentials are refused
 * (rotated since they were fetched), fetches them again and retries once.
 */
const readVersionTable = async (
  target: Target,
  deps: ObserveDeps
): Promise<VersionTableRead> => {
  const credentials: DatabaseCredentials = await deps.credentials.get(target);
  try {
    return await deps.readTable(target, credentials);
  } catch (error) {
    if (!isAuthenticationFailure(error)) throw error;
    deps.credentials.invalidate(target);
    return deps.readTable(target, await deps.credentials.get(target));
  }
};

export type { ObserveDeps };
export { readVersionTable };
