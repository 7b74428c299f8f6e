import { ManifestError } from '../errors.js';
import { type PythonLiteral, readLiteral } from './python-literal.js';
import type { PythonStatement } from './python-statements.js';
import type { PythonToken } from './python-tokens.js';
import {
  findOtherBinding,
  isScriptField,
  type ScriptField,
  topLevelEquals,
} from './script-bindings.js';

/** The value a script assigns to one field, and the line it does so on. */
interface FieldAssignment {
  readonly literal: PythonLiteral;
  readonly line: number;
}

type Block = 'definition' | 'compound' | 'none';

const COMPOUND = new Set([
  'if',
  'elif',
  'else',
  'for',
  'while',
  'try',
  'except',
  'finally',
  'with',
]);

const SUPPORTED =
  'Write it at the top level of the script as None, a string literal, ' +
  'or a tuple or list of string literals.';

/** The kind of block a top-level statement opens, if any. */
const blockOf = (tokens: readonly PythonToken[]): Block => {
  const [first, second] = tokens;
  const last = tokens[tokens.length - 1];
  if (first?.text === '@' || first?.text === 'def' || first?.text === 'class') {
    return 'definition';
  }
  if (first?.text === 'async') {
    return second?.text === 'def' ? 'definition' : 'compound';
  }
  if (first?.text === 'match' && last?.text === ':') {
    return 'compound';
  }
  return first !== undefined && COMPOUND.has(first.text) ? 'compound' : 'none';
};

/** Splits one line's tokens at `;` into simple statements. */
const splitSimple = (tokens: readonly PythonToken[]): PythonToken[][] => {
  const parts: PythonToken[][] = [[]];
  for (const token of tokens) {
    if (token.text === ';') {
      parts.push([]);
    } else {
      parts[parts.length - 1]?.push(token);
    }
  }
  return parts.filter((part) => part.length > 0);
};

/** Source-like text of a few tokens, for error messages. */
const snippet = (tokens: readonly PythonToken[]): string => {
  let text = '';
  let previous = '';
  for (const { text: current } of tokens) {
    const tight =
      previous === '' ||
      /^[([{.]$/.test(previous) ||
      /^[)\]},.:(]$/.test(current);
    text += tight ? current : ` ${current}`;
    previous = current;
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * Finds the top-level assignments to `revision`, `down_revision`,
 * `branch_labels` and `depends_on`, reading each value as a literal.
 * Bodies of functions and classes are ignored. Throws ManifestError when a
 * field is bound any other way (conditionally, by unpacking, by import...),
 * assigned a value that needs Python to compute, or assigned twice.
 */
const findFieldAssignments = (
  fileName: string,
  statements: readonly PythonStatement[]
): Map<ScriptField, FieldAssignment> => {
  const found = new Map<ScriptField, FieldAssignment>();
  let block: Block = 'none';

  const fail = (
    reason: 'unreadable' | 'duplicate',
    line: number,
    message: string
  ): never => {
    throw new ManifestError(reason, `${fileName}:${line}: ${message}`, {
      fileName,
      line,
    });
  };

  const rejectOtherBinding = (tokens: readonly PythonToken[]): void => {
    const other = findOtherBinding(tokens);
    if (other === undefined) {
      return;
    }
    const where =
      block === 'compound'
        ? 'inside a block such as if, try or with'
        : `by \`${snippet(tokens)}\``;
    fail(
      'unreadable',
      other.line,
      `${other.field} is set ${where}, which cannot be read without ` +
        `running Python. ${SUPPORTED}`
    );
  };

  const readAssignment = (tokens: readonly PythonToken[]): void => {
    const [target, operator] = tokens;
    if (target === undefined || !isScriptField(target.text)) {
      rejectOtherBinding(tokens);
      return;
    }

    const equals = operator?.text === ':' ? topLevelEquals(tokens, 2) : 1;
    if (operator?.text === ':' && equals === -1) {
      return;
    }
    if (tokens[equals]?.text !== '=') {
      rejectOtherBinding(tokens);
      return;
    }

    const valueTokens = tokens.slice(equals + 1);
    const literal =
      topLevelEquals(valueTokens) === -1 ? readLiteral(valueTokens) : undefined;
    if (literal === undefined) {
      fail(
        'unreadable',
        target.line,
        `${target.text} = ${snippet(valueTokens)} cannot be read without ` +
          `running Python. ${SUPPORTED}`
      );
      return;
    }

    const earlier = found.get(target.text);
    if (earlier !== undefined) {
      fail(
        'duplicate',
        target.line,
        `${target.text} is assigned again (first at line ${earlier.line}). ` +
          'Keep a single assignment.'
      );
    }
    found.set(target.text, { literal, line: target.line });
  };

  for (const statement of statements) {
    if (statement.indented) {
      if (block === 'compound') {
        rejectOtherBinding(statement.tokens);
      }
      continue;
    }

    block = blockOf(statement.tokens);
    if (block === 'none') {
      splitSimple(statement.tokens).forEach(readAssignment);
    } else if (block === 'compound') {
      rejectOtherBinding(statement.tokens);
    }
  }
  return found;
};

export type { FieldAssignment };
export { findFieldAssignments };
