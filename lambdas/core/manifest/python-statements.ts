import { ManifestError } from '../errors.js';
import {
  isStringPrefix,
  literalValue,
  type PythonToken,
  readOperator,
} from './python-tokens.js';

/** One Python statement: its tokens, first line, and whether indented. */
interface PythonStatement {
  readonly tokens: readonly PythonToken[];
  readonly line: number;
  readonly indented: boolean;
}

const OPENING = new Set(['(', '[', '{']);
const CLOSING = new Set([')', ']', '}']);
const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_]/u;
const DIGIT = /[0-9]/;

/**
 * Splits Python source into statements, the way the interpreter sees them:
 * comments dropped, strings (docstrings too) kept whole, lines joined inside
 * brackets and after a backslash. Several statements on one line stay one
 * entry with their `;` tokens. Throws ManifestError (`unreadable`) on an
 * unterminated string or bracket.
 */
const splitStatements = (fileName: string, text: string): PythonStatement[] => {
  const source = text.replace(/\r\n?/g, '\n');
  const statements: PythonStatement[] = [];
  let tokens: PythonToken[] = [];
  let line = 1;
  const openLines: number[] = [];
  let lineStart = true;
  let indented = false;
  let index = 0;

  const fail = (message: string, at: number): never => {
    throw new ManifestError('unreadable', `${fileName}:${at}: ${message}`, {
      fileName,
      line: at,
    });
  };

  const endStatement = (): void => {
    const first = tokens[0];
    if (first !== undefined) {
      statements.push({ tokens, line: first.line, indented });
    }
    tokens = [];
  };

  const readString = (prefix: string, start: number): number => {
    const quote = source.startsWith(source.charAt(start).repeat(3), start)
      ? source.charAt(start).repeat(3)
      : source.charAt(start);
    const startLine = line;
    let cursor = start + quote.length;
    while (!source.startsWith(quote, cursor)) {
      const char = source.charAt(cursor);
      if (cursor >= source.length || (char === '\n' && quote.length === 1)) {
        fail('a string literal is not terminated', startLine);
      }
      if (char === '\\' && source.charAt(cursor + 1) === '\n') {
        line += 1;
      }
      if (char === '\n') {
        line += 1;
      }
      cursor += char === '\\' ? 2 : 1;
    }

    const body = source.slice(start + quote.length, cursor);
    const end = cursor + quote.length;
    tokens.push({
      kind: 'string',
      text: source.slice(start - prefix.length, end),
      value: literalValue(prefix, body),
      line: startLine,
    });
    return end;
  };

  while (index < source.length) {
    const char = source.charAt(index);

    if (lineStart) {
      const indent = /^[ \t\f]*/.exec(source.slice(index))?.[0] ?? '';
      indented = indent.length > 0;
      lineStart = false;
      index += indent.length;
      continue;
    }

    if (char === '\n') {
      line += 1;
      index += 1;
      if (openLines.length === 0) {
        endStatement();
        lineStart = true;
      }
    } else if (char === '#') {
      const end = source.indexOf('\n', index);
      index = end === -1 ? source.length : end;
    } else if (char === '\\' && source.charAt(index + 1) === '\n') {
      line += 1;
      index += 2;
    } else if (char === ' ' || char === '\t' || char === '\f') {
      index += 1;
    } else if (char === '"' || char === "'") {
      index = readString('', index);
    } else if (NAME_START.test(char)) {
      let end = index + 1;
      while (end < source.length && NAME_PART.test(source.charAt(end))) {
        end += 1;
      }
      const name = source.slice(index, end);
      const next = source.charAt(end);
      if ((next === '"' || next === "'") && isStringPrefix(name)) {
        index = readString(name, end);
      } else {
        tokens.push({ kind: 'name', text: name, line });
        index = end;
      }
    } else if (DIGIT.test(char)) {
      const number = /^[0-9][0-9A-Za-z_.]*/.exec(source.slice(index))?.[0];
      const text = number ?? char;
      tokens.push({ kind: 'number', text, line });
      index += text.length;
    } else {
      const operator = readOperator(source, index);
      if (OPENING.has(operator)) {
        openLines.push(line);
      } else if (CLOSING.has(operator)) {
        openLines.pop();
      }
      tokens.push({ kind: 'op', text: operator, line });
      index += operator.length;
    }
  }

  const unclosed = openLines[0];
  if (unclosed !== undefined) {
    fail('a bracket opened here is never closed', unclosed);
  }
  endStatement();
  return statements;
};

export type { PythonStatement };
export { splitStatements };
