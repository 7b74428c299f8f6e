import { describe, expect, it } from 'vitest';
import { exclusionTest } from '../../../lambdas/core/schema/exclusion.js';

const named = (...names: string[]) => ({
  key: 'table x',
  names,
  definition: {},
});

describe('Function: exclusionTest', () => {
  it('matches a qualified pattern against schema.name', () => {
    const excluded = exclusionTest(['audit.*']);

    expect(excluded(named('audit.log'))).toBe(true);
    expect(excluded(named('public.audit'))).toBe(false);
  });

  it('matches a pattern without a dot against the name in any schema', () => {
    const excluded = exclusionTest(['spatial_ref_sys']);

    expect(excluded(named('public.spatial_ref_sys'))).toBe(true);
    expect(excluded(named('gis.spatial_ref_sys'))).toBe(true);
    expect(excluded(named('public.spatial_ref_sys_2'))).toBe(false);
  });

  it('treats regex characters in a pattern as plain text', () => {
    const excluded = exclusionTest(['public.a+b', 'public.v?']);

    expect(excluded(named('public.a+b'))).toBe(true);
    expect(excluded(named('public.aab'))).toBe(false);
    expect(excluded(named('public.v1'))).toBe(true);
  });

  it('matches case sensitively, like quoted identifiers', () => {
    expect(exclusionTest(['Users'])(named('public.users'))).toBe(false);
  });

  it('excludes an object when the table it belongs to matches', () => {
    const excluded = exclusionTest(['public.jobs']);

    expect(excluded(named('public.jobs_pkey', 'public.jobs'))).toBe(true);
  });

  it('excludes nothing without patterns', () => {
    expect(exclusionTest([])(named('public.users'))).toBe(false);
  });
});
