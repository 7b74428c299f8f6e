import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../lambdas/core/errors.js';
import { buildManifest } from '../../../lambdas/core/manifest/build-manifest.js';
import { ManifestWarningCode } from '../../../lambdas/core/manifest/manifest-format.js';
import { scriptFile, scriptText } from './script-files.js';

const encode = (text: string) => new TextEncoder().encode(text);

describe('buildManifest warnings', () => {
  it('warns with the heads when two heads carry no branch label', () => {
    const { warnings } = buildManifest([
      scriptFile('a1'),
      scriptFile('b2', { down: ['a1'] }),
      scriptFile('c3', { down: ['a1'] }),
    ]);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: ManifestWarningCode.multipleUnlabelledHeads,
      revisions: ['b2', 'c3'],
    });
    expect(warnings[0]?.message).toContain('alembic merge heads');
  });

  it('returns no warning when the second head descends from a labelled revision', () => {
    const { warnings } = buildManifest([
      scriptFile('a1'),
      scriptFile('b2', { down: ['a1'] }),
      scriptFile('l1', { labels: ['lib'] }),
      scriptFile('l2', { down: ['l1'] }),
    ]);

    expect(warnings).toEqual([]);
  });

  it('warns about the KeyError when a merge depends on an ancestor of a parent', () => {
    const { warnings } = buildManifest([
      scriptFile('a'),
      scriptFile('b', { down: ['a'] }),
      scriptFile('x', { labels: ['side'] }),
      scriptFile('m', { down: ['x', 'b'], dependsOn: ['a'] }),
    ]);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: ManifestWarningCode.redundantDependency,
      revisions: ['m', 'a'],
    });
    expect(warnings[0]?.message).toContain('KeyError');
  });

  it('warns without the KeyError note when a plain revision repeats an ancestor', () => {
    const { warnings } = buildManifest([
      scriptFile('a'),
      scriptFile('b', { down: ['a'] }),
      scriptFile('c', { down: ['b'], dependsOn: ['a'] }),
    ]);

    expect(warnings[0]?.code).toBe(ManifestWarningCode.redundantDependency);
    expect(warnings[0]?.message).not.toContain('KeyError');
  });
});

describe('buildManifest source decoding', () => {
  it('returns the revision when the file starts with a UTF-8 byte order mark', () => {
    const bytes = encode(`\uFEFF${scriptText('a1')}`);

    const { manifest } = buildManifest([{ fileName: 'bom.py', bytes }]);

    expect(manifest.revisions[0]?.id).toBe('a1');
  });

  it('returns the revision when a coding comment declares latin-1', () => {
    const text = `# -*- coding: latin-1 -*-\n# caf\xe9\n${scriptText('a1')}`;
    const bytes = Uint8Array.from(text, (char) => char.charCodeAt(0));

    const { manifest } = buildManifest([{ fileName: 'latin.py', bytes }]);

    expect(manifest.revisions[0]?.id).toBe('a1');
  });

  it('throws unreadable naming the file when the bytes are not UTF-8', () => {
    const bytes = Uint8Array.from([...encode(scriptText('a1')), 0xff, 0xfe]);

    const build = () => buildManifest([{ fileName: 'broken.py', bytes }]);

    expect(build).toThrow(ManifestError);
    expect(build).toThrow('broken.py: is not valid utf-8');
  });

  it('throws unreadable naming the file when the declared encoding is unknown', () => {
    const bytes = encode(`# coding: klingon\n${scriptText('a1')}`);

    const build = () => buildManifest([{ fileName: 'odd.py', bytes }]);

    expect(build).toThrow("odd.py: declares the encoding 'klingon'");
  });
});
