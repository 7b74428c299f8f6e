import {
  type DatabaseCredentials,
  DEFAULT_PORT,
  withHiddenPassword,
} from '../core/credentials.js';
import { ConfigurationError } from '../core/errors.js';

/** Percent-decodes one part; the error names the part, never its value. */
const decodeDatabaseUrlPart = (part: string, what: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ConfigurationError(
      `database URL: the ${what} has a bare "%"; percent-encode it as %25`
    );
  }
};

/**
 * Parses `postgresql://user:password@host:port/database`. Errors never
 * repeat the URL, since it holds the password.
 */
const credentialsFromUrl = (databaseUrl: string): DatabaseCredentials => {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new ConfigurationError(
      'database URL is not a URL; use ' +
        'postgresql://USER:PASSWORD@HOST:PORT/DATABASE'
    );
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new ConfigurationError(
      `database URL scheme "${url.protocol}" is not supported; ` +
        'use postgresql://'
    );
  }

  const database = decodeDatabaseUrlPart(
    url.pathname.replace(/^\//, ''),
    'database name'
  );
  if (database === '') {
    throw new ConfigurationError(
      'database URL names no database; add /DATABASE after the host'
    );
  }
  if (url.username === '') {
    throw new ConfigurationError('database URL names no user; add USER@');
  }

  const visible = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? DEFAULT_PORT : Number(url.port),
    database,
    username: decodeDatabaseUrlPart(url.username, 'user'),
  };
  return withHiddenPassword(
    visible,
    decodeDatabaseUrlPart(url.password, 'password')
  );
};

export { credentialsFromUrl };
