import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../../lambdas/core/schema/schema-diff.js';
import type { SchemaObject } from '../../../lambdas/core/schema/schema-object.js';
import { column, SHOP_OBJECTS } from '../evidence/evidence-fixtures.js';

const jobs: SchemaObject[] = [
  { key: 'table public.jobs', names: ['public.jobs'], definition: {} },
  {
    key: 'column public.jobs.id',
    names: ['public.jobs'],
    definition: { type: 'integer' },
  },
  {
    key: 'index public.jobs_pkey',
    names: ['public.jobs', 'public.jobs_pkey'],
    definition: { definition: 'CREATE UNIQUE INDEX ...' },
  },
];

describe('Function: diffSchemas', () => {
  it('returns empty lists for the same objects', () => {
    expect(diffSchemas(SHOP_OBJECTS, [...SHOP_OBJECTS].reverse())).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });

  it('lists an added table without the parts it implies', () => {
    const diff = diffSchemas(SHOP_OBJECTS, [...SHOP_OBJECTS, ...jobs]);

    expect(diff.added).toEqual(['table public.jobs']);
  });

  it('lists a column added to an existing table', () => {
    const nickname = column('nickname', { type: 'text' });

    const diff = diffSchemas(SHOP_OBJECTS, [...SHOP_OBJECTS, nickname]);

    expect(diff.added).toEqual(['column public.users.nickname']);
  });

  it('lists a removed table without its parts', () => {
    const diff = diffSchemas([...SHOP_OBJECTS, ...jobs], SHOP_OBJECTS);

    expect(diff.removed).toEqual(['table public.jobs']);
  });

  it('names the fields that changed, a field added on one side included', () => {
    const changed = SHOP_OBJECTS.map((object) =>
      object.key === 'column public.users.email'
        ? column('email', { type: 'citext', notNull: true, default: "''" })
        : object
    );

    expect(diffSchemas(SHOP_OBJECTS, changed).changed).toEqual([
      { key: 'column public.users.email', fields: ['default', 'type'] },
    ]);
  });
});
