import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../lambdas/core/errors.js';
import { buildManifest } from '../../../lambdas/core/manifest/build-manifest.js';
import {
  DYNAMODB_ITEM_LIMIT_BYTES,
  deserialiseManifest,
  MANIFEST_ITEM_RESERVED_BYTES,
  ManifestSizeStatus,
  measureManifest,
  serialiseManifest,
} from '../../../lambdas/core/manifest/manifest-storage.js';
import { generateHistory } from './generated-history.js';
import { scriptFile } from './script-files.js';

const small = buildManifest([
  scriptFile('a1'),
  scriptFile('b2', { down: ['a1'], labels: ['main'] }),
]).manifest;

describe('serialiseManifest', () => {
  it('returns compact JSON with one row per revision', () => {
    const text = serialiseManifest(small);

    expect(text).not.toMatch(/\s/);
    expect(JSON.parse(text).revisions[1].slice(0, 4)).toEqual([
      'b2',
      ['a1'],
      ['main'],
      [],
    ]);
  });

  it('returns the manifest unchanged when read back', () => {
    expect(deserialiseManifest(serialiseManifest(small))).toEqual(small);
  });
});

describe('deserialiseManifest', () => {
  it('throws unreadable when a stored row was altered', () => {
    const text = serialiseManifest(small).replace('["a1"]', '[]');

    expect(() => deserialiseManifest(text)).toThrow(ManifestError);
    expect(() => deserialiseManifest(text)).toThrow(
      'does not match its content'
    );
  });

  it('throws unreadable when the text is not JSON', () => {
    expect(() => deserialiseManifest('{')).toThrow(
      'stored manifest is not JSON'
    );
  });

  it('throws unreadable when the format version is unknown', () => {
    const text = serialiseManifest(small).replace(
      '"formatVersion":1',
      '"formatVersion":2'
    );

    expect(() => deserialiseManifest(text)).toThrow('does not match format 1');
  });
});

describe('measureManifest', () => {
  it('returns fits when a generated 1,000-revision history is serialised', () => {
    const { manifest, warnings } = buildManifest(generateHistory(1000));

    const size = measureManifest(serialiseManifest(manifest));

    expect(warnings).toEqual([]);
    expect(size.status).toBe(ManifestSizeStatus.fits);
    expect(size.budgetBytes).toBe(
      DYNAMODB_ITEM_LIMIT_BYTES - MANIFEST_ITEM_RESERVED_BYTES
    );
    expect(size.bytes).toBeLessThan(170_000);
  });

  it('returns room for at least 2,400 revisions when file names use 40-character slugs', () => {
    const thousand = measureManifest(
      serialiseManifest(buildManifest(generateHistory(1000)).manifest)
    );
    const bytesPerRevision = thousand.bytes / 1000;

    expect(Math.floor(thousand.budgetBytes / bytesPerRevision)).toBeGreaterThan(
      2400
    );
  });

  it('returns too-large when the serialised manifest exceeds the budget', () => {
    const size = measureManifest(serialiseManifest(small), 100);

    expect(size.status).toBe(ManifestSizeStatus.tooLarge);
  });
});
