import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../lambdas/core/errors.js';
import { fingerprintSchema } from '../../../lambdas/core/schema/fingerprint.js';
import {
  deserialiseSnapshot,
  serialiseSnapshot,
} from '../../../lambdas/core/schema/snapshot-format.js';
import { SHOP_OBJECTS } from '../evidence/evidence-fixtures.js';

describe('Function: deserialiseSnapshot', () => {
  it('returns the snapshot serialiseSnapshot wrote', () => {
    const snapshot = fingerprintSchema(SHOP_OBJECTS);

    expect(deserialiseSnapshot(serialiseSnapshot(snapshot))).toEqual(snapshot);
  });

  it('throws StoreError when the content no longer matches the digest', () => {
    const text = serialiseSnapshot(fingerprintSchema(SHOP_OBJECTS)).replace(
      '"integer"',
      '"bigint"'
    );

    expect(() => deserialiseSnapshot(text)).toThrow(StoreError);
    expect(() => deserialiseSnapshot(text)).toThrow(/does not match/);
  });

  it('throws StoreError naming the format when it is another one', () => {
    const act = () =>
      deserialiseSnapshot('{"format":"other/9","digest":"x","objects":[]}');

    expect(act).toThrow(/has format other\/9/);
  });
});
