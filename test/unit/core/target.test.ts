import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../lambdas/core/errors.js';
import { targetSchema } from '../../../lambdas/core/target.js';
import { parseRecordEvent, parseVerifyEvent } from '../../../lambdas/events.js';
import { parseTargetRegistry } from '../../../lambdas/target-registry.js';

describe('Schema: target', () => {
  it('applies the documented defaults', () => {
    const target = targetSchema.parse({ id: 'orders', secretId: 'prod/db' });

    expect(target).toEqual({
      id: 'orders',
      secretId: 'prod/db',
      schema: 'public',
      versionTable: 'alembic_version',
      tls: 'verify-full',
    });
  });

  it('rejects unknown fields so typos are not silently ignored', () => {
    const result = targetSchema.safeParse({
      id: 'orders',
      secretId: 'prod/db',
      versionTabel: 'x',
    });

    expect(result.success).toBe(false);
  });
});

describe('Function: parseTargetRegistry', () => {
  it('throws ConfigurationError naming the field and the rule', () => {
    const act = () =>
      parseTargetRegistry(JSON.stringify([{ id: 'bad id', secretId: 's' }]));

    expect(act).toThrow(ConfigurationError);
    expect(act).toThrow(/0\.id: id must be 1-64 characters/);
  });
});

describe('Function: parseVerifyEvent', () => {
  it('throws ConfigurationError when the batch is empty', () => {
    expect(() => parseVerifyEvent({ targets: [] })).toThrow(
      /at least one target/
    );
  });
});

describe('Function: parseRecordEvent', () => {
  it('throws ConfigurationError naming a missing deployId', () => {
    const act = () =>
      parseRecordEvent({
        target: { id: 'orders', secretId: 's' },
        heads: ['abc'],
      });

    expect(act).toThrow(/deployId: deployId must be a string/);
  });
});
