import type pg from 'pg';
import {
  type PrivilegeAudit,
  type TableWriter,
  WriterPath,
} from '../../core/privileges/privilege-audit.js';
import type { Target } from '../../core/target.js';
import { LOGIN_WRITES, TABLE_WRITERS } from './privilege-sql.js';

/** Lines kept of what the login can write: enough to act on. */
const LOGIN_WRITES_SHOWN = 20;

interface WriterRow {
  readonly role: string;
  readonly privileges: string[];
  readonly superuser: boolean;
  readonly owner: boolean;
  readonly owner_member: boolean;
  readonly granted: boolean;
  readonly public: boolean;
}

const pathsOf = (row: WriterRow): WriterPath[] => {
  const paths: WriterPath[] = [
    ...(row.public ? [WriterPath.public] : []),
    ...(row.superuser ? [WriterPath.superuser] : []),
    ...(row.owner ? [WriterPath.owner] : []),
    ...(row.owner_member ? [WriterPath.ownerMember] : []),
    ...(row.granted ? [WriterPath.grant] : []),
  ];
  return paths.length > 0 ? paths : [WriterPath.membership];
};

const toWriter = (row: WriterRow): TableWriter => ({
  role: row.role,
  privileges: row.privileges,
  via: pathsOf(row),
});

/**
 * Audits, inside the caller's transaction, who can write the version
 * table `tableOid` and what the session's login can write anywhere.
 */
const readPrivileges = async (
  client: pg.Client,
  target: Target,
  tableOid: string
): Promise<PrivilegeAudit> => {
  const writers = await client.query<WriterRow>(TABLE_WRITERS, [tableOid]);
  const login = await client.query<{ login: string }>(
    'select session_user::text as login'
  );
  const writes = await client.query<{ what: string }>(LOGIN_WRITES, [
    LOGIN_WRITES_SHOWN,
  ]);
  return {
    writers: writers.rows.map(toWriter),
    ...(target.allowedWriters && { allowedWriters: target.allowedWriters }),
    login: login.rows[0]?.login ?? '',
    loginCanWrite: writes.rows.map((row) => row.what),
  };
};

export { readPrivileges };
