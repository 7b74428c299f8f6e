import type { PythonToken } from './python-tokens.js';

/**
 * A value the static reader accepts on the right of a revision assignment:
 * `None`, a text literal, or a tuple, list or set of text literals.
 */
type PythonLiteral =
  | { readonly kind: 'none' }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'sequence'; readonly items: readonly string[] };

interface Elements {
  readonly items: readonly PythonLiteral[];
  readonly sawComma: boolean;
}

const CLOSER: Readonly<Record<string, string>> = {
  '(': ')',
  '[': ']',
  '{': '}',
};

/** Keeps a sequence only when every element is a text literal. */
const asSequence = (
  items: readonly PythonLiteral[]
): PythonLiteral | undefined => {
  const texts: string[] = [];
  for (const item of items) {
    if (item.kind !== 'string') {
      return undefined;
    }
    texts.push(item.value);
  }
  return { kind: 'sequence', items: texts };
};

/**
 * Reads the tokens of an expression as a literal. Returns undefined for
 * anything whose value would need Python to run: names other than `None`,
 * calls, operators, f-strings with fields, bytes, nested sequences, dicts.
 */
const readLiteral = (
  tokens: readonly PythonToken[]
): PythonLiteral | undefined => {
  let cursor = 0;

  const peek = (): PythonToken | undefined => tokens[cursor];

  const readStrings = (): PythonLiteral | undefined => {
    let value = '';
    for (let next = peek(); next?.kind === 'string'; next = peek()) {
      if (next.value === undefined) {
        return undefined;
      }
      value += next.value;
      cursor += 1;
    }
    return { kind: 'string', value };
  };

  const readElements = (closer?: string): Elements | undefined => {
    const items: PythonLiteral[] = [];
    let sawComma = false;
    while (peek() !== undefined && peek()?.text !== closer) {
      const item = readAtom();
      if (item === undefined) {
        return undefined;
      }
      items.push(item);

      const separator = peek();
      if (separator?.kind === 'op' && separator.text === ',') {
        sawComma = true;
        cursor += 1;
      } else if (separator !== undefined && separator.text !== closer) {
        return undefined;
      }
    }
    return { items, sawComma };
  };

  const readBracketed = (opener: string): PythonLiteral | undefined => {
    const closer = CLOSER[opener];
    const elements = readElements(closer);
    if (elements === undefined || peek()?.text !== closer) {
      return undefined;
    }
    cursor += 1;

    const [only] = elements.items;
    if (opener === '(' && only !== undefined && !elements.sawComma) {
      return elements.items.length === 1 ? only : undefined;
    }
    if (opener === '{' && elements.items.length === 0) {
      return undefined;
    }
    return asSequence(elements.items);
  };

  function readAtom(): PythonLiteral | undefined {
    const token = peek();
    if (token === undefined) {
      return undefined;
    }
    if (token.kind === 'string') {
      return readStrings();
    }
    if (token.kind === 'name' && token.text === 'None') {
      cursor += 1;
      return { kind: 'none' };
    }
    if (token.kind === 'op' && CLOSER[token.text] !== undefined) {
      cursor += 1;
      return readBracketed(token.text);
    }
    return undefined;
  }

  const elements = readElements();
  if (elements === undefined || cursor !== tokens.length) {
    return undefined;
  }
  const [only] = elements.items;
  if (only === undefined) {
    return undefined;
  }
  return elements.sawComma ? asSequence(elements.items) : only;
};

export type { PythonLiteral };
export { readLiteral };
