import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMigrationScript } from '../../../lambdas/core/manifest/script-parser.js';

const SCRIPTS = new URL('../../fixtures/manifest/scripts/', import.meta.url);

/** Parses a fixture script and keeps the four fields. */
const parseFixture = (fileName: string) => {
  const parsed = parseMigrationScript(
    fileName,
    readFileSync(new URL(fileName, SCRIPTS), 'utf8')
  );
  return {
    revision: parsed.revision,
    downRevisions: parsed.downRevisions,
    branchLabels: parsed.branchLabels,
    dependsOn: parsed.dependsOn,
  };
};

const base = { downRevisions: [], branchLabels: [], dependsOn: [] };

describe('parseMigrationScript', () => {
  it.each([
    ['default-template.py', { ...base, revision: '1975ea83b712' }],
    [
      'double-quotes.py',
      { ...base, revision: 'ae1027a6acf', downRevisions: ['1975ea83b712'] },
    ],
    [
      'annotated-union.py',
      { ...base, revision: '3d2c9e8f1a0b', downRevisions: ['ae1027a6acf'] },
    ],
    [
      'annotated-pep604.py',
      {
        ...base,
        revision: '7f00c0ffee01',
        branchLabels: ['audit'],
        dependsOn: ['3d2c9e8f1a0b'],
      },
    ],
    [
      'merge-tuple.py',
      {
        ...base,
        revision: '0a1b2c3d4e5f',
        downRevisions: ['3d2c9e8f1a0b', '9e8d7c6b5a4f'],
      },
    ],
    [
      'merge-list-multiline.py',
      {
        ...base,
        revision: 'merge_three',
        downRevisions: ['aaaa00000001', 'bbbb00000002', 'cccc00000003'],
      },
    ],
    [
      'one-element-tuples.py',
      {
        ...base,
        revision: '55aa66bb77cc',
        branchLabels: ['reporting'],
        dependsOn: ['3d2c9e8f1a0b'],
      },
    ],
    [
      'absent-optional-fields.py',
      { ...base, revision: '4fe1d7c2b9a3', downRevisions: ['1975ea83b712'] },
    ],
    [
      'trailing-comments.py',
      { ...base, revision: 'c0ffee000001', downRevisions: ['1975ea83b712'] },
    ],
    [
      'docstring-disagrees.py',
      { ...base, revision: 'b5e0d7a3c1f2', downRevisions: ['1975ea83b712'] },
    ],
    [
      'descriptive-id.py',
      {
        ...base,
        revision: '2024_06_01_Add_Orders',
        downRevisions: ['3d2c9e8f1a0b'],
      },
    ],
    [
      'function-bodies.py',
      { ...base, revision: 'd1e2f3a4b5c6', downRevisions: ['1975ea83b712'] },
    ],
    [
      'bare-tuple-and-continuation.py',
      {
        ...base,
        revision: 'e7e7e7e7e7e7',
        downRevisions: ['aaaa00000001', 'bbbb00000002'],
        branchLabels: ['search'],
      },
    ],
    ['1975ea83b712.py', { ...base, revision: '1975ea83b712' }],
  ])('returns the declared fields when the script is %s', (file, expected) => {
    expect(parseFixture(file)).toEqual(expected);
  });

  it('returns the line of each assignment when fields are assigned', () => {
    const parsed = parseMigrationScript(
      'annotated-union.py',
      readFileSync(new URL('annotated-union.py', SCRIPTS), 'utf8')
    );

    expect(parsed.lines).toEqual({
      revision: 15,
      down_revision: 16,
      branch_labels: 17,
      depends_on: 18,
    });
  });

  it('returns the same fields when lines end in CRLF', () => {
    const text = readFileSync(
      new URL('merge-list-multiline.py', SCRIPTS),
      'utf8'
    );

    const parsed = parseMigrationScript('crlf.py', text.replace(/\n/g, '\r\n'));

    expect(parsed.downRevisions).toEqual([
      'aaaa00000001',
      'bbbb00000002',
      'cccc00000003',
    ]);
  });

  it.each([
    ["down_revision = ''", []],
    ["down_revision = {'b'}", ['b']],
    ["down_revision = ('a' 'b')", ['ab']],
    ["down_revision = f'plain'", ['plain']],
    ["down_revision = 'it\\'s'", ["it's"]],
    ['down_revision = """b"""', ['b']],
  ])("returns Python's value when written as %s", (line, expected) => {
    const parsed = parseMigrationScript('v.py', `revision = 'a'\n${line}\n`);

    expect(parsed.downRevisions).toEqual(expected);
  });
});
