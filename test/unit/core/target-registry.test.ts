import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../lambdas/core/errors.js';
import {
  parseTargetRegistry,
  resolveTarget,
} from '../../../lambdas/target-registry.js';

const registry = parseTargetRegistry(
  JSON.stringify([
    { id: 'orders', secretId: 'prod/orders', host: 'db.internal' },
    { id: 'billing', secretId: 'prod/billing', schema: 'billing' },
  ])
);

describe('Function: resolveTarget', () => {
  it('returns the deployed definition for an id alone', () => {
    expect(resolveTarget(registry, { id: 'orders' })).toMatchObject({
      id: 'orders',
      secretId: 'prod/orders',
      host: 'db.internal',
      tls: 'verify-full',
    });
  });

  it('accepts the full definition when it equals the deployed one', () => {
    const target = resolveTarget(registry, {
      id: 'billing',
      secretId: 'prod/billing',
      schema: 'billing',
      versionTable: 'alembic_version',
    });

    expect(target.schema).toBe('billing');
  });

  it.each([
    ['another host', { host: 'attacker.example' }],
    ['another database', { database: 'postgres' }],
    ['another secret', { secretId: 'prod/billing' }],
    ['TLS switched off', { tls: 'disable' }],
  ])('throws ConfigurationError for %s than deployed', (_what, change) => {
    const act = () =>
      resolveTarget(registry, {
        id: 'orders',
        secretId: 'prod/orders',
        host: 'db.internal',
        ...change,
      });

    expect(act).toThrow(ConfigurationError);
    expect(act).toThrow(/differs from the deployed definition/);
  });

  it('throws ConfigurationError naming an id that is not deployed', () => {
    expect(() => resolveTarget(registry, { id: 'ghost' })).toThrow(
      /target ghost is not one of the 2 deployed targets/
    );
  });
});

describe('Function: parseTargetRegistry', () => {
  it('throws ConfigurationError when the construct compiled nothing in', () => {
    expect(() => parseTargetRegistry(undefined)).toThrow(
      /SENTINEL_TARGETS_JSON is not set/
    );
  });

  it('throws ConfigurationError naming the field of a bad target', () => {
    expect(() =>
      parseTargetRegistry(JSON.stringify([{ id: 'x', secretId: '', port: 0 }]))
    ).toThrow(/SENTINEL_TARGETS_JSON: 0\.secretId/);
  });
});
