import { describe, expect, it } from 'vitest';
import { fromItem, toItem } from '../../../lambdas/io/attestation-items.js';
import { attested, writes } from './evidence-fixtures.js';

/** Upper bound of DynamoDB's item size: names and values as JSON text. */
const approximateBytes = (item: object): number =>
  Buffer.byteLength(JSON.stringify(item), 'utf8');

describe('Function: toItem and fromItem with evidence', () => {
  it('returns the attestation with its write evidence and schema digest', () => {
    const attestation = attested({ commit: 'abc123', actor: 'ci' });

    expect(fromItem(toItem(attestation))).toEqual(attestation);
  });

  it('returns an attestation without evidence as it was', () => {
    const { writes: _w, schema: _s, ...bare } = attested();

    expect(fromItem(toItem(bare))).toEqual(bare);
  });

  it('keeps an item with four 32-character heads well under 4 KB', () => {
    const heads = ['a', 'b', 'c', 'd'].map((letter) => letter.repeat(32));
    const attestation = attested({
      heads,
      deployId: 'd'.repeat(200),
      commit: 'c'.repeat(200),
      actor: 'a'.repeat(200),
      writes: writes({
        rows: heads.map((value) => ({ value, xmin: '4294967295' })),
        counters: {
          inserted: 2 ** 40,
          updated: 2 ** 40,
          deleted: 2 ** 40,
          hotUpdated: 2 ** 40,
        },
      }),
    });

    expect(approximateBytes(toItem(attestation))).toBeLessThan(2_000);
  });
});
