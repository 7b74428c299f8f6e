/**
 * The few token kinds the static reader needs from Python source. Strings
 * carry their decoded `value` when it is a plain text literal whose value
 * does not depend on running code; otherwise `value` is undefined.
 */
interface PythonToken {
  readonly kind: 'name' | 'string' | 'number' | 'op';
  readonly text: string;
  readonly value?: string;
  readonly line: number;
}

const STRING_PREFIXES = new Set(['r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf']);

const OPERATORS = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '==',
  '!=',
  '<=',
  '>=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  ':=',
  '->',
  '**',
  '//',
  '<<',
  '>>',
] as const;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  '\n': '',
};

/** Whether a name just read is a string prefix such as `r` or `u`. */
const isStringPrefix = (name: string): boolean =>
  STRING_PREFIXES.has(name.toLowerCase());

/** The operator starting at `index`, longest match first. */
const readOperator = (source: string, index: number): string => {
  for (const operator of OPERATORS) {
    if (source.startsWith(operator, index)) {
      return operator;
    }
  }
  return source.charAt(index);
};

/**
 * Decodes the body of a non-raw text literal. Returns undefined for escapes
 * whose meaning this reader does not model (`\x`, `\u`, `\N`, octal).
 */
const decodeEscapes = (body: string): string | undefined => {
  let decoded = '';
  for (let index = 0; index < body.length; index += 1) {
    const char = body.charAt(index);
    if (char !== '\\') {
      decoded += char;
      continue;
    }

    const next = body.charAt(index + 1);
    const simple = SIMPLE_ESCAPES[next];
    if (simple === undefined) {
      return undefined;
    }
    decoded += simple;
    index += 1;
  }
  return decoded;
};

/** The value of a string literal, or undefined when it is not plain text. */
const literalValue = (prefix: string, body: string): string | undefined => {
  const flags = prefix.toLowerCase();
  if (flags.includes('b')) {
    return undefined;
  }
  if (flags.includes('f') && /[{}]/.test(body)) {
    return undefined;
  }
  return flags.includes('r') ? body : decodeEscapes(body);
};

export type { PythonToken };
export { isStringPrefix, literalValue, readOperator };
