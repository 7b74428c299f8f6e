import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintSchema } from '../../../lambdas/core/schema/fingerprint.js';
import type { SchemaObject } from '../../../lambdas/core/schema/schema-object.js';
import { column, SHOP_OBJECTS } from '../evidence/evidence-fixtures.js';

const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
};

describe('Function: fingerprintSchema', () => {
  it('returns the same digest for the same schema read twice', () => {
    const first = fingerprintSchema(SHOP_OBJECTS);
    const second = fingerprintSchema(structuredClone([...SHOP_OBJECTS]));

    expect(second.digest).toBe(first.digest);
    expect(first.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('returns the same digest whatever order the objects arrive in', () => {
    const reference = fingerprintSchema(SHOP_OBJECTS).digest;

    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
        const digest = fingerprintSchema(shuffled(SHOP_OBJECTS, seed)).digest;
        expect(digest).toBe(reference);
      })
    );
  });

  it('returns the same digest whatever order definition keys have', () => {
    const a = column('email', { type: 'text', notNull: true, default: null });
    const b = column('email', { notNull: true, type: 'text' });

    expect(fingerprintSchema([a]).digest).toBe(fingerprintSchema([b]).digest);
  });

  it('returns objects sorted by key with canonical definitions', () => {
    const snapshot = fingerprintSchema(shuffled(SHOP_OBJECTS, 7));

    expect(snapshot.objects.map((object) => object.key)).toEqual([
      'column public.users.email',
      'column public.users.id',
      'table public.users',
    ]);
    expect(Object.keys(snapshot.objects[0]?.definition ?? {})).toEqual([
      'notNull',
      'type',
    ]);
  });

  it('returns another digest when a column default changes', () => {
    const before = fingerprintSchema(SHOP_OBJECTS);
    const changed: SchemaObject[] = [
      ...SHOP_OBJECTS.slice(0, 2),
      column('email', { type: 'text', notNull: true, default: "''::text" }),
    ];

    expect(fingerprintSchema(changed).digest).not.toBe(before.digest);
  });

  it('leaves out excluded objects and what belongs to them', () => {
    const celery: SchemaObject[] = [
      ...SHOP_OBJECTS,
      {
        key: 'table public.celery_taskmeta',
        names: ['public.celery_taskmeta'],
        definition: {},
      },
      {
        key: 'index public.celery_taskmeta_pkey',
        names: ['public.celery_taskmeta', 'public.celery_taskmeta_pkey'],
        definition: { definition: 'CREATE UNIQUE INDEX ...' },
      },
    ];

    const snapshot = fingerprintSchema(celery, ['celery_*']);

    expect(snapshot.digest).toBe(fingerprintSchema(SHOP_OBJECTS).digest);
  });
});
