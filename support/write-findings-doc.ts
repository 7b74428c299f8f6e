import { writeFileSync } from 'node:fs';
import { renderFindingsDoc } from './findings-doc.js';

writeFileSync(
  new URL('../docs/findings.md', import.meta.url),
  renderFindingsDoc()
);
