import { namedSome, newFinding } from '../evidence/new-finding.js';
import { type Finding, FindingCode } from '../findings.js';
import { printableValue } from '../revision-value.js';
import { compareText } from '../schema/canonical-json.js';
import type { PrivilegeAudit, TableWriter } from './privilege-audit.js';

const describeWriter = (writer: TableWriter): string =>
  `${printableValue(writer.role)} can ${writer.privileges.join('/')} ` +
  `(${writer.via.join(', ')})`;

const unexpectedWriters = (audit: PrivilegeAudit): Finding[] => {
  if (audit.allowedWriters === undefined) return [];
  const allowed = new Set(audit.allowedWriters);
  const extra = audit.writers.filter((writer) => !allowed.has(writer.role));
  if (extra.length === 0) return [];

  return [
    newFinding(
      FindingCode.unexpectedWriter,
      `roles outside allowedWriters can write the version table: ` +
        namedSome(extra.map(describeWriter), 5),
      {
        expected: [...allowed].sort(compareText),
        observed: extra.map((writer) => writer.role).sort(compareText),
      }
    ),
  ];
};

const loginWrites = (audit: PrivilegeAudit): Finding[] => {
  if (audit.loginCanWrite.length === 0) return [];
  const login = printableValue(audit.login);
  return [
    newFinding(
      FindingCode.verifierCanWrite,
      `login ${login} can write: ` +
        namedSome(
          audit.loginCanWrite.map((what) => printableValue(what)),
          5
        ),
      { expected: ['read only'], observed: [...audit.loginCanWrite] }
    ),
  ];
};

/**
 * Privilege findings of one read: UNEXPECTED_WRITER for every writer of
 * the version table the target's allowedWriters does not name (none when
 * the target names no allowlist), and VERIFIER_CAN_WRITE when the login
 * used for the read can write or create anything.
 */
const privilegeFindings = (audit: PrivilegeAudit): Finding[] => [
  ...unexpectedWriters(audit),
  ...loginWrites(audit),
];

export { privilegeFindings };
