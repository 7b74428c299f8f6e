import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderFindingsDoc } from '../../../support/findings-doc.js';

describe('Document: docs/findings.md', () => {
  it('matches the catalogue the alerts use (run npm run docs:findings)', () => {
    const committed = readFileSync(
      new URL('../../../docs/findings.md', import.meta.url),
      'utf8'
    );

    expect(committed).toBe(renderFindingsDoc());
  });
});
