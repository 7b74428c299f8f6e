import {
  type DatabaseCredentials,
  DEFAULT_PORT,
  withHiddenPassword,
} from '../core/credentials.js';
import { ConfigurationError } from '../core/errors.js';

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

  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
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
    username: decodeURIComponent(url.username),
  };
  return withHiddenPassword(visible, decodeURIComponent(url.password));
};

export { credentialsFromUrl };
