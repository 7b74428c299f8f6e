import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildManifest } from '../../../lambdas/core/manifest/build-manifest.js';
import {
  canonicalManifestText,
  manifestDigest,
} from '../../../lambdas/core/manifest/manifest-digest.js';
import { scriptFile } from './script-files.js';

const hex = (bytes: Uint8Array | string) =>
  createHash('sha256').update(bytes).digest('hex');

const history = [
  scriptFile('b2', { down: ['a1'] }),
  scriptFile('a1'),
  scriptFile('c3', { down: ['b2'], dependsOn: ['lib'] }),
  scriptFile('l1', { labels: ['lib'] }),
];

describe('buildManifest', () => {
  it('returns revisions sorted by id with the sha256 of each file', () => {
    const { manifest } = buildManifest(history);

    expect(manifest.formatVersion).toBe(1);
    expect(manifest.hashAlgorithm).toBe('sha256');
    expect(manifest.revisions.map((r) => r.id)).toEqual([
      'a1',
      'b2',
      'c3',
      'l1',
    ]);
    expect(manifest.revisions[0]).toEqual({
      id: 'a1',
      downRevisions: [],
      branchLabels: [],
      dependsOn: [],
      fileName: 'a1_test.py',
      fileHash: hex(history[1]?.bytes ?? ''),
    });
  });

  it('returns depends_on resolved to the id when it names a branch label', () => {
    const { manifest } = buildManifest(history);

    const c3 = manifest.revisions.find((r) => r.id === 'c3');
    expect(c3?.dependsOn).toEqual(['l1']);
  });

  it('returns one dependency when depends_on names it by id and by label', () => {
    const files = [
      scriptFile('l1', { labels: ['lib'] }),
      scriptFile('x', { dependsOn: ['lib', 'l1'] }),
    ];

    const { manifest } = buildManifest(files);

    expect(manifest.revisions[1]?.dependsOn).toEqual(['l1']);
  });

  it('returns a digest that is the sha256 of the canonical text', () => {
    const { manifest } = buildManifest(history);

    const canonical = canonicalManifestText(manifest.revisions);
    expect(manifest.digest).toBe(hex(canonical));
    expect(canonical.startsWith('[1,"sha256",[["a1",[],[],[],')).toBe(true);
  });

  it('returns the same digest when the files are listed in another order', () => {
    const forward = buildManifest(history).manifest;
    const reversed = buildManifest([...history].reverse()).manifest;

    expect(reversed.digest).toBe(forward.digest);
  });

  it('returns another digest when one byte of one file changes', () => {
    const changed = history.map((file) =>
      file.fileName === 'a1_test.py'
        ? {
            ...file,
            bytes: new TextEncoder().encode(
              'revision = "a1"\ndown_revision = None\n'
            ),
          }
        : file
    );

    const before = buildManifest(history).manifest;
    const after = buildManifest(changed).manifest;

    expect(after.digest).not.toBe(before.digest);
    expect(manifestDigest(after.revisions)).toBe(after.digest);
  });

  it('returns another digest when a file is renamed', () => {
    const renamed = history.map((file) =>
      file.fileName === 'a1_test.py' ? { ...file, fileName: 'a1_x.py' } : file
    );

    const before = buildManifest(history).manifest;
    const after = buildManifest(renamed).manifest;

    expect(after.digest).not.toBe(before.digest);
  });

  it('returns no warnings when one unlabelled head remains', () => {
    const { warnings } = buildManifest(history);

    expect(warnings).toEqual([]);
  });

  it('accepts an id as long as the version column when it is 32 characters', () => {
    const id = 'x'.repeat(32);

    const { manifest } = buildManifest([scriptFile(id)]);

    expect(manifest.revisions[0]?.id).toBe(id);
  });

  it('accepts a 40-character id when versionColumnWidth is 64', () => {
    const id = 'add_a_rather_long_descriptive_revision_id';

    const { manifest } = buildManifest([scriptFile(id)], {
      versionColumnWidth: 64,
    });

    expect(manifest.revisions[0]?.id).toBe(id);
  });

  it('returns an empty manifest when there are no scripts', () => {
    const { manifest, warnings } = buildManifest([]);

    expect(manifest.revisions).toEqual([]);
    expect(manifest.digest).toBe(hex('[1,"sha256",[]]'));
    expect(warnings).toEqual([]);
  });
});
