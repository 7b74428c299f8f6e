import { describe, expect, it } from 'vitest';
import { credentialsFromUrl } from '../../../lambdas/cli/database-url.js';
import { ConfigurationError } from '../../../lambdas/core/errors.js';

describe('Function: credentialsFromUrl', () => {
  it('decodes user, password, host, port and database', () => {
    const credentials = credentialsFromUrl(
      'postgresql://rea%40der:p%2Fss@db.internal:6543/my%20db'
    );

    expect(credentials).toMatchObject({
      host: 'db.internal',
      port: 6543,
      database: 'my db',
      username: 'rea@der',
    });
    expect(credentials.password).toBe('p/ss');
  });

  it('throws ConfigurationError without echoing the password', () => {
    const act = () => credentialsFromUrl('postgresql://u:hunter2@h:5432');

    expect(act).toThrow(ConfigurationError);
    expect(act).toThrow(/names no database/);
    expect(act).not.toThrow(/hunter2/);
  });

  it('throws ConfigurationError for another scheme', () => {
    expect(() => credentialsFromUrl('mysql://u:p@h/d')).toThrow(
      /scheme "mysql:" is not supported/
    );
  });
});
