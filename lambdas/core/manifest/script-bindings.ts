import type { PythonToken } from './python-tokens.js';

/** The module variables Alembic reads from a migration script. */
const SCRIPT_FIELDS = [
  'revision',
  'down_revision',
  'branch_labels',
  'depends_on',
] as const;

type ScriptField = (typeof SCRIPT_FIELDS)[number];

const FIELD_NAMES: ReadonlySet<string> = new Set(SCRIPT_FIELDS);
const AUGMENTED = /^(\*\*|\/\/|>>|<<|[-+*/%&|^@])=$/;

/** Narrows a token text to one of the four script fields. */
const isScriptField = (text: string): text is ScriptField =>
  FIELD_NAMES.has(text);

/** Index of the first `=` outside brackets at or after `from`, or -1. */
const topLevelEquals = (tokens: readonly PythonToken[], from = 0): number => {
  let depth = 0;
  for (let index = 0; index < tokens.length; index += 1) {
    const text = tokens[index]?.text;
    if (text === '(' || text === '[' || text === '{') {
      depth += 1;
    } else if (text === ')' || text === ']' || text === '}') {
      depth -= 1;
    } else if (text === '=' && depth === 0 && index >= from) {
      return index;
    }
  }
  return -1;
};

/** Whether the field token at `index` is a name the statement binds. */
const bindsAt = (
  tokens: readonly PythonToken[],
  index: number,
  lastEquals: number,
  depth: number
): boolean => {
  const previous = tokens[index - 1]?.text;
  const next = tokens[index + 1]?.text ?? '';
  const keyword = tokens[0]?.text;

  if (previous === '.') {
    return false;
  }
  if (keyword === 'import' || keyword === 'from') {
    const imported = next !== '.' && next !== 'as' && previous !== 'from';
    return previous === 'as' || imported;
  }
  if (previous === 'as' || next === ':=' || AUGMENTED.test(next)) {
    return true;
  }
  if (keyword === 'del') {
    return true;
  }
  if (keyword === 'for' && tokens.slice(index).some((t) => t.text === 'in')) {
    return true;
  }
  return depth === 0 && index < lastEquals;
};

/**
 * Finds a script field that a statement binds in a way other than a plain
 * top-level assignment: inside a compound statement, by unpacking, chained
 * or augmented assignment, walrus, import, `for`, `with ... as`, `del`.
 * Returns the field and its line, or undefined.
 */
const findOtherBinding = (
  tokens: readonly PythonToken[]
): { readonly field: ScriptField; readonly line: number } | undefined => {
  let lastEquals = -1;
  for (let at = topLevelEquals(tokens); at !== -1; ) {
    lastEquals = at;
    at = topLevelEquals(tokens, at + 1);
  }

  let depth = 0;
  for (const [index, token] of tokens.entries()) {
    if (token.text === '(' || token.text === '[' || token.text === '{') {
      depth += 1;
    } else if (token.text === ')' || token.text === ']' || token.text === '}') {
      depth -= 1;
    } else if (
      token.kind === 'name' &&
      isScriptField(token.text) &&
      bindsAt(tokens, index, lastEquals, depth)
    ) {
      return { field: token.text, line: token.line };
    }
  }
  return undefined;
};

export type { ScriptField };
export { findOtherBinding, isScriptField, SCRIPT_FIELDS, topLevelEquals };
