import { ConfigurationError, CredentialsError } from './errors.js';
import type { Target } from './target.js';

/**
 * Where and as whom to connect. The password is non-enumerable, so the
 * object can be logged or serialised without leaking it.
 */
interface DatabaseCredentials {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly username: string;
  readonly password: string;
}

const DEFAULT_PORT = 5432;

const withHiddenPassword = (
  visible: Omit<DatabaseCredentials, 'password'>,
  password: string
): DatabaseCredentials =>
  Object.defineProperty({ ...visible }, 'password', {
    value: password,
    enumerable: false,
  }) as DatabaseCredentials;

const stringField = (
  secret: Record<string, unknown>,
  field: string,
  secretId: string
): string | undefined => {
  const value = secret[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new CredentialsError(
      `secret ${secretId}: field "${field}" must be a string`
    );
  }
  return value;
};

const portField = (
  secret: Record<string, unknown>,
  secretId: string
): number | undefined => {
  const value = secret.port;
  if (value === undefined || value === null || value === '') return undefined;
  const port = typeof value === 'string' ? Number(value) : value;
  if (typeof port !== 'number' || !Number.isInteger(port)) {
    throw new CredentialsError(
      `secret ${secretId}: field "port" must be a whole number`
    );
  }
  if (port < 1 || port > 65535) {
    throw new CredentialsError(
      `secret ${secretId}: field "port" must be between 1 and 65535`
    );
  }
  return port;
};

const parseSecretObject = (
  secretString: string,
  secretId: string
): Record<string, unknown> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    // The parser's message can quote the secret; it must not travel on.
    throw new CredentialsError(
      `secret ${secretId} is not JSON; store the RDS shape ` +
        '{"username": ..., "password": ..., "host": ..., "dbname": ...}'
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CredentialsError(
      `secret ${secretId} must be a JSON object with username and password`
    );
  }
  return parsed as Record<string, unknown>;
};

/**
 * Reads database credentials from a Secrets Manager secret string in the
 * RDS shape (host, port, username, password, dbname) or the RDS-managed
 * shape (username and password only). Target fields override the secret.
 */
const credentialsFromSecret = (
  secretString: string,
  target: Target
): DatabaseCredentials => {
  const secretId = target.secretId;
  const secret = parseSecretObject(secretString, secretId);

  const username = stringField(secret, 'username', secretId);
  const password = stringField(secret, 'password', secretId);
  if (username === undefined || password === undefined) {
    const missing = username === undefined ? 'username' : 'password';
    throw new CredentialsError(`secret ${secretId} has no "${missing}" field`);
  }

  const host = target.host ?? stringField(secret, 'host', secretId);
  if (host === undefined) {
    throw new ConfigurationError(
      `target ${target.id}: no database host; set "host" in the target ` +
        `or add "host" to secret ${secretId}`
    );
  }

  const database = target.database ?? stringField(secret, 'dbname', secretId);
  if (database === undefined) {
    throw new ConfigurationError(
      `target ${target.id}: no database name; set "database" in the ` +
        `target or add "dbname" to secret ${secretId}`
    );
  }

  const port = target.port ?? portField(secret, secretId) ?? DEFAULT_PORT;
  return withHiddenPassword({ host, port, database, username }, password);
};

export type { DatabaseCredentials };
export { credentialsFromSecret, DEFAULT_PORT, withHiddenPassword };
