import { describe, expect, it } from 'vitest';
import { credentialsFromSecret } from '../../../lambdas/core/credentials.js';
import {
  ConfigurationError,
  CredentialsError,
} from '../../../lambdas/core/errors.js';
import {
  type TargetInput,
  targetSchema,
} from '../../../lambdas/core/target.js';

const PASSWORD = 's3cr3t-Pa55word!';

const target = (input: Partial<TargetInput> = {}) =>
  targetSchema.parse({ id: 'orders', secretId: 'prod/orders', ...input });

const secret = (fields: Record<string, unknown>) => JSON.stringify(fields);

describe('Function: credentialsFromSecret', () => {
  it('reads the RDS secret shape with the port as a string', () => {
    const credentials = credentialsFromSecret(
      secret({
        engine: 'postgres',
        host: 'db.internal',
        port: '6432',
        username: 'reader',
        password: PASSWORD,
        dbname: 'orders',
      }),
      target()
    );

    expect(credentials).toMatchObject({
      host: 'db.internal',
      port: 6432,
      database: 'orders',
      username: 'reader',
    });
    expect(credentials.password).toBe(PASSWORD);
  });

  it('reads the RDS-managed shape with host and database from the target', () => {
    const credentials = credentialsFromSecret(
      secret({ username: 'reader', password: PASSWORD }),
      target({ host: 'db.internal', database: 'orders' })
    );

    expect(credentials.host).toBe('db.internal');
    expect(credentials.port).toBe(5432);
    expect(credentials.database).toBe('orders');
  });

  it('keeps the password out of JSON and object spreads', () => {
    const credentials = credentialsFromSecret(
      secret({ username: 'u', password: PASSWORD, host: 'h', dbname: 'd' }),
      target()
    );

    expect(JSON.stringify(credentials)).not.toContain(PASSWORD);
    expect(JSON.stringify({ ...credentials })).not.toContain(PASSWORD);
  });

  it('throws ConfigurationError naming both fixes when no database is known', () => {
    const act = () =>
      credentialsFromSecret(
        secret({ username: 'u', password: PASSWORD, host: 'h' }),
        target()
      );

    expect(act).toThrow(ConfigurationError);
    expect(act).toThrow(/set "database" in the target or add "dbname"/);
  });

  it('throws CredentialsError without the secret text when it is not JSON', () => {
    const act = () => credentialsFromSecret(`password=${PASSWORD}`, target());

    expect(act).toThrow(CredentialsError);
    expect(act).toThrow(/secret prod\/orders is not JSON/);
    try {
      act();
    } catch (error) {
      expect(String(error)).not.toContain(PASSWORD);
      expect((error as Error).cause).toBeUndefined();
    }
  });

  it('throws CredentialsError naming a missing password field', () => {
    const act = () =>
      credentialsFromSecret(secret({ username: 'u' }), target());

    expect(act).toThrow(/has no "password" field/);
  });

  it('throws CredentialsError for a port out of range', () => {
    const act = () =>
      credentialsFromSecret(
        secret({
          username: 'u',
          password: 'p',
          host: 'h',
          dbname: 'd',
          port: 0,
        }),
        target()
      );

    expect(act).toThrow(/"port" must be between 1 and 65535/);
  });
});
