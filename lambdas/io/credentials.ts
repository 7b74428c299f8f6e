import {
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  credentialsFromSecret,
  type DatabaseCredentials,
} from '../core/credentials.js';
import { CredentialsError } from '../core/errors.js';
import type { Target } from '../core/target.js';

/** Hands out credentials for a target; may cache them. */
interface CredentialsSource {
  get(target: Target): Promise<DatabaseCredentials>;
  /** Drops any cached copy, e.g. after an authentication failure. */
  invalidate(target: Target): void;
}

interface SecretsManagerSourceOptions {
  readonly client: SecretsManagerClient;
  /** How long a fetched secret is reused in a warm container. */
  readonly ttlMillis: number;
  readonly now: () => number;
}

interface CacheEntry {
  readonly secretString: string;
  readonly fetchedAtMillis: number;
}

const fetchSecretString = async (
  client: SecretsManagerClient,
  secretId: string
): Promise<string> => {
  try {
    const output = await client.send(
      new GetSecretValueCommand({ SecretId: secretId })
    );
    if (output.SecretString === undefined) {
      throw new CredentialsError(
        `secret ${secretId} has no SecretString; store it as JSON text`
      );
    }
    return output.SecretString;
  } catch (error) {
    if (error instanceof CredentialsError) throw error;
    const name = error instanceof Error ? error.name : 'Error';
    throw new CredentialsError(
      `could not read secret ${secretId} from Secrets Manager (${name})`,
      { cause: error }
    );
  }
};

/**
 * Credentials from Secrets Manager, cached per secret for `ttlMillis`,
 * so a warm container fetches each secret once per TTL, not per check.
 */
const secretsManagerSource = (
  options: SecretsManagerSourceOptions
): CredentialsSource => {
  const cache = new Map<string, CacheEntry>();

  const secretStringFor = async (secretId: string): Promise<string> => {
    const cached = cache.get(secretId);
    const now = options.now();
    if (cached && now - cached.fetchedAtMillis < options.ttlMillis) {
      return cached.secretString;
    }

    const secretString = await fetchSecretString(options.client, secretId);
    cache.set(secretId, { secretString, fetchedAtMillis: now });
    return secretString;
  };

  return {
    get: async (target) =>
      credentialsFromSecret(await secretStringFor(target.secretId), target),
    invalidate: (target) => {
      cache.delete(target.secretId);
    },
  };
};

/** Fixed credentials, for the CLI's --database-url and for the demo. */
const staticSource = (credentials: DatabaseCredentials): CredentialsSource => ({
  get: async () => credentials,
  invalidate: () => {},
});

export type { CredentialsSource, SecretsManagerSourceOptions };
export { secretsManagerSource, staticSource };
