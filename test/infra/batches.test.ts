import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../lambdas/core/errors.js';
import { batchTargets, MAX_EVENT_INPUT_BYTES } from '../../lib/batches.js';

const target = (id: string, secretId = `prod/${id}`) => ({ id, secretId });

describe('Function: batchTargets', () => {
  it('returns batches of at most maxTargetsPerBatch targets, in order', () => {
    const targets = ['a', 'b', 'c', 'd', 'e'].map((id) => target(id));

    const batches = batchTargets(targets, 2);

    expect(batches.map((batch) => batch.targets.map((t) => t.id))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e'],
    ]);
  });

  it('starts a new batch before the input would exceed 8192 bytes', () => {
    const longSecret = `prod/${'x'.repeat(1000)}`;
    const targets = Array.from({ length: 20 }, (_, index) =>
      target(`t${index}`, longSecret)
    );

    const batches = batchTargets(targets, 100);

    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(
        MAX_EVENT_INPUT_BYTES
      );
    }
    expect(batches.flatMap((batch) => batch.targets)).toEqual(targets);
  });

  it('throws a ConfigurationError naming a target too large for any batch', () => {
    const huge = target('huge', `prod/${'x'.repeat(9000)}`);

    expect(() => batchTargets([huge], 25)).toThrow(ConfigurationError);
    expect(() => batchTargets([huge], 25)).toThrow(/target "huge"/);
  });
});
