import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  ManifestError,
} from '../../../lambdas/core/errors.js';
import { buildManifest } from '../../../lambdas/core/manifest/build-manifest.js';
import type {
  BuildManifestOptions,
  ScriptFile,
} from '../../../lambdas/core/manifest/manifest-format.js';
import { scriptFile } from './script-files.js';

/** The ManifestError building these files throws. */
const rejection = (
  files: readonly ScriptFile[],
  options?: BuildManifestOptions
) => {
  try {
    buildManifest(files, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return error as ManifestError;
  }
  throw new Error('expected the build to be rejected');
};

describe('buildManifest rejections', () => {
  it('throws duplicate naming both files when two scripts share an id', () => {
    const error = rejection([
      scriptFile('a1', { fileName: 'first.py' }),
      scriptFile('a1', { fileName: 'second.py' }),
    ]);

    expect(error.reason).toBe('duplicate');
    expect(error.message).toContain('second.py:5:');
    expect(error.message).toContain('also declared by first.py:5');
  });

  it('throws unknown-reference naming file and line when down_revision is unknown', () => {
    const error = rejection([scriptFile('b2', { down: ['gone'] })]);

    expect(error.reason).toBe('unknown-reference');
    expect(error.message).toContain("b2_test.py:6: down_revision names 'gone'");
    expect(error).toMatchObject({ fileName: 'b2_test.py', line: 6 });
  });

  it('throws unknown-reference with a hint when down_revision names a branch label', () => {
    const error = rejection([
      scriptFile('a1', { labels: ['lib'] }),
      scriptFile('b2', { down: ['lib'] }),
    ]);

    expect(error.reason).toBe('unknown-reference');
    expect(error.message).toContain('That is a branch label');
  });

  it('throws unknown-reference naming file and line when depends_on is unknown', () => {
    const error = rejection([scriptFile('b2', { dependsOn: ['nope'] })]);

    expect(error.reason).toBe('unknown-reference');
    expect(error.message).toContain("b2_test.py:8: depends_on names 'nope'");
  });

  it('throws duplicate when two scripts declare the same branch label', () => {
    const error = rejection([
      scriptFile('a1', { labels: ['lib'] }),
      scriptFile('b2', { labels: ['lib'] }),
    ]);

    expect(error.reason).toBe('duplicate');
    expect(error.message).toContain("b2_test.py:7: branch label 'lib'");
  });

  it('throws duplicate when a branch label equals a revision id', () => {
    const error = rejection([
      scriptFile('a1'),
      scriptFile('b2', { labels: ['a1'] }),
    ]);

    expect(error.reason).toBe('duplicate');
    expect(error.message).toContain("already used by revision 'a1'");
  });

  it('throws cycle naming the files when down_revisions loop', () => {
    const error = rejection([
      scriptFile('a1', { down: ['b2'] }),
      scriptFile('b2', { down: ['a1'] }),
    ]);

    expect(error.reason).toBe('cycle');
    expect(error.message).toContain('a1 (a1_test.py)');
    expect(error.message).toContain('b2 (b2_test.py)');
    expect(error.fileName).toBeDefined();
  });

  it('throws cycle naming the depends_on line when a dependency closes the loop', () => {
    const error = rejection([
      scriptFile('a1', { dependsOn: ['b2'] }),
      scriptFile('b2', { down: ['a1'] }),
    ]);

    expect(error.reason).toBe('cycle');
    expect(error.message).toContain('a1_test.py:8:');
  });

  it('throws cycle when a script names itself as down_revision', () => {
    const error = rejection([scriptFile('a1', { down: ['a1'] })]);

    expect(error.reason).toBe('cycle');
    expect(error.message).toContain('a1_test.py:6:');
    expect(error.message).toContain('a1 (a1_test.py) -> a1 (a1_test.py)');
  });

  it('throws invalid-id naming file and line when an id exceeds the version column', () => {
    const id = 'x'.repeat(33);

    const error = rejection([scriptFile(id, { fileName: 'long.py' })]);

    expect(error.reason).toBe('invalid-id');
    expect(error.message).toContain('long.py:5:');
    expect(error.message).toContain('33 characters');
    expect(error.message).toContain('versionColumnWidth');
  });

  it('throws invalid-id when an id exceeds a narrower versionColumnWidth', () => {
    const error = rejection([scriptFile('abcdefghijkl')], {
      versionColumnWidth: 8,
    });

    expect(error.reason).toBe('invalid-id');
  });

  it('throws ConfigurationError when versionColumnWidth is not a positive integer', () => {
    expect(() =>
      buildManifest([scriptFile('a1')], { versionColumnWidth: 0 })
    ).toThrow(ConfigurationError);
  });
});
