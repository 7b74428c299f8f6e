import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../lambdas/core/errors.js';
import { parseMigrationScript } from '../../../lambdas/core/manifest/script-parser.js';

const HEADER = '"""a script\n\nRevision ID: abc\n"""\n';

/** The ManifestError parsing `text` as `fileName` throws. */
const rejection = (text: string, fileName = 'versions/abc_x.py') => {
  try {
    parseMigrationScript(fileName, text);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return error as ManifestError;
  }
  throw new Error(`expected ${fileName} to be rejected`);
};

describe('parseMigrationScript rejections', () => {
  it.each([
    ['a call', 'revision = make_id()\ndown_revision = None', 5, 'make_id()'],
    ['a name', "revision = 'a'\ndown_revision = PARENT", 6, 'PARENT'],
    [
      'an f-string field',
      "revision = f'{x}'\ndown_revision = None",
      5,
      "f'{x}'",
    ],
    [
      'a conditional value',
      "revision = 'a' if X else 'b'\ndown_revision = None",
      5,
      'if',
    ],
    ['bytes', "revision = b'a'\ndown_revision = None", 5, "b'a'"],
    [
      'a nested tuple',
      "revision = 'a'\ndown_revision = (('b', 'c'),)",
      6,
      'down_revision',
    ],
    [
      'None in a tuple',
      "revision = 'a'\ndown_revision = ('b', None)",
      6,
      'None',
    ],
    [
      'a \\x escape',
      "revision = 'a\\x41'\ndown_revision = None",
      5,
      'revision',
    ],
    ['chained assignment', "revision = down_revision = 'a'", 5, 'revision'],
    ['concatenation', "revision = 'a' + 'b'\ndown_revision = None", 5, '+'],
  ])(
    'throws unreadable naming file and line when the value is %s',
    (_, body, line, fragment) => {
      const error = rejection(HEADER + body);

      expect(error.reason).toBe('unreadable');
      expect(error.message).toContain(`versions/abc_x.py:${line}:`);
      expect(error.message).toContain(fragment);
      expect(error).toMatchObject({ fileName: 'versions/abc_x.py', line });
    }
  );

  it.each([
    ['if', "if X:\n    revision = 'a'\nelse:\n    revision = 'b'\n", 6],
    ['try', "try:\n    revision = 'a'\nexcept E:\n    pass\n", 6],
    ['one-line if', "if X: revision = 'a'\n", 5],
    ['tuple unpacking', "revision, down_revision = 'a', None\n", 5],
    ['augmented assignment', "revision = 'a'\nrevision += 'b'\n", 6],
    ['walrus', "print(revision := 'a')\n", 5],
    ['import', 'from ids import revision\n', 5],
    ['for loop', "for depends_on in ['a']:\n    pass\n", 5],
    ['with ... as', 'with f() as branch_labels:\n    pass\n', 5],
    ['del', "revision = 'a'\ndel revision\n", 6],
  ])(
    'throws unreadable naming the line when a field is bound by %s',
    (_, body, line) => {
      const error = rejection(`${HEADER}${body}down_revision = None\n`);

      expect(error.reason).toBe('unreadable');
      expect(error.message).toContain(`versions/abc_x.py:${line}:`);
    }
  );

  it('throws missing-field naming the file when revision is absent', () => {
    const error = rejection(`${HEADER}down_revision = None\n`, 'add_users.py');

    expect(error.reason).toBe('missing-field');
    expect(error.message).toContain('add_users.py: no revision assignment');
    expect(error.fileName).toBe('add_users.py');
  });

  it('throws missing-field when revision is only annotated', () => {
    const error = rejection(`${HEADER}revision: str\ndown_revision = None\n`);

    expect(error.reason).toBe('missing-field');
  });

  it('throws missing-field when down_revision is absent', () => {
    const error = rejection(`${HEADER}revision = 'abc'\n`);

    expect(error.reason).toBe('missing-field');
    expect(error.message).toContain('no down_revision assignment');
  });

  it('throws duplicate naming both lines when a field is assigned twice', () => {
    const error = rejection(
      `${HEADER}revision = 'a'\ndown_revision = None\nrevision = 'a'\n`
    );

    expect(error.reason).toBe('duplicate');
    expect(error.message).toContain('abc_x.py:7:');
    expect(error.message).toContain('first at line 5');
  });

  it.each([
    ['revision = None\ndown_revision = None', 'single non-empty string'],
    ["revision = ('a', 'b')\ndown_revision = None", 'single non-empty string'],
    ["revision = ''\ndown_revision = None", 'single non-empty string'],
    ["revision = 'a-b'\ndown_revision = None", "contains '-'"],
    ["revision = 'a@b'\ndown_revision = None", "contains '@'"],
    ["revision = 'a'\ndown_revision = ('b', '')", 'empty string'],
    [
      "revision = 'a'\ndown_revision = None\nbranch_labels = ''",
      'empty string',
    ],
  ])('throws invalid-id naming the line for %s', (body, fragment) => {
    const error = rejection(HEADER + body);

    expect(error.reason).toBe('invalid-id');
    expect(error.message).toContain('abc_x.py:');
    expect(error.message).toContain(fragment);
  });

  it('throws duplicate when one field names the same id twice', () => {
    const error = rejection(
      `${HEADER}revision = 'a'\ndown_revision = ('b', 'b')`
    );

    expect(error.reason).toBe('duplicate');
    expect(error.message).toContain("names 'b' twice");
  });

  it('throws unreadable naming the opening line when a string never ends', () => {
    const error = rejection(`${HEADER}revision = 'abc\ndown_revision = None\n`);

    expect(error.reason).toBe('unreadable');
    expect(error.message).toContain(
      'abc_x.py:5: a string literal is not terminated'
    );
  });

  it('throws unreadable naming the opening line when a bracket never closes', () => {
    const error = rejection(
      `${HEADER}revision = 'a'\ndown_revision = (\n 'b'\n`
    );

    expect(error.reason).toBe('unreadable');
    expect(error.message).toContain('abc_x.py:6: a bracket opened here');
  });
});
