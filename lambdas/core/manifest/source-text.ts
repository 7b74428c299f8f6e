import { TextDecoder } from 'node:util';
import { ManifestError } from '../errors.js';

/** PEP 263: a comment naming the encoding, in the first two lines. */
const CODING_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
/** Python spellings of Latin-1 that WHATWG TextDecoder labels lack. */
const LATIN_1 = /^(latin-1|iso-latin-1)(-|$)/;

/** The encoding a Python file declares, or utf-8 (Python 3's default). */
const declaredEncoding = (bytes: Uint8Array): string => {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
  const [first = '', second = ''] = head.split(/\r\n?|\n/);
  const cookie = CODING_COOKIE.exec(first) ?? CODING_COOKIE.exec(second);
  const label = (cookie?.[1] ?? 'utf-8').toLowerCase().replace(/_/g, '-');
  if (LATIN_1.test(label)) {
    return 'iso-8859-1';
  }
  return label.startsWith('utf-8') ? 'utf-8' : label;
};

/**
 * Decodes a migration script's bytes the way Python reads source: UTF-8
 * unless a coding comment in the first two lines says otherwise, a UTF-8
 * byte order mark dropped. Throws ManifestError (`unreadable`) naming the
 * file when the encoding is unknown or the bytes do not decode.
 */
const decodeScriptSource = (fileName: string, bytes: Uint8Array): string => {
  const hasBom = UTF8_BOM.every((byte, index) => bytes[index] === byte);
  const encoding = hasBom ? 'utf-8' : declaredEncoding(bytes);

  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch (cause) {
    throw new ManifestError(
      'unreadable',
      `${fileName}: declares the encoding '${encoding}', which this ` +
        'reader does not know. Save the script as UTF-8.',
      { fileName },
      { cause }
    );
  }

  try {
    return decoder.decode(bytes);
  } catch (cause) {
    throw new ManifestError(
      'unreadable',
      `${fileName}: is not valid ${encoding}. Save the script as UTF-8, or ` +
        'declare its encoding in a coding comment on the first line.',
      { fileName },
      { cause }
    );
  }
};

export { decodeScriptSource };
