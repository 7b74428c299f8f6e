import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../lambdas/core/errors.js';
import { targetSchema } from '../../../lambdas/core/target.js';
import { parseTargetRegistry } from '../../../lambdas/target-registry.js';

const base = { id: 'shop', secretId: 'prod/shop' };

describe('Schema: target evidence fields', () => {
  it('accepts schemas, schemaExclude and allowedWriters', () => {
    const target = targetSchema.parse({
      ...base,
      schemas: ['public', 'billing'],
      schemaExclude: ['celery_*', 'public.spatial_ref_sys'],
      allowedWriters: ['migrator'],
    });

    expect(target).toMatchObject({
      schemas: ['public', 'billing'],
      schemaExclude: ['celery_*', 'public.spatial_ref_sys'],
      allowedWriters: ['migrator'],
    });
  });

  it('leaves them undefined by default, so defaults apply where used', () => {
    const target = targetSchema.parse(base);

    expect(target.schemas).toBeUndefined();
    expect(target.allowedWriters).toBeUndefined();
  });

  it('throws ConfigurationError naming an empty schemas list', () => {
    const act = () =>
      parseTargetRegistry(JSON.stringify([{ ...base, schemas: [] }]));

    expect(act).toThrow(ConfigurationError);
    expect(act).toThrow(
      /0\.schemas: schemas must name at least one schema name/
    );
  });

  it('throws naming a role name over the identifier limit', () => {
    const act = () =>
      parseTargetRegistry(
        JSON.stringify([{ ...base, allowedWriters: ['r'.repeat(64)] }])
      );

    expect(act).toThrow(
      /allowedWriters\.0: each of allowedWriters is longer than/
    );
  });

  it('throws naming schemaExclude when it is not a list', () => {
    const act = () =>
      parseTargetRegistry(
        JSON.stringify([{ ...base, schemaExclude: 'celery_*' }])
      );

    expect(act).toThrow(/schemaExclude must be an array of glob patterns/);
  });
});
