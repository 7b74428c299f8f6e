import pg from 'pg';
import type { Target } from '../../core/target.js';

/** The version table as found in the catalog by the reader. */
interface LocatedTable {
  readonly schema: string;
  /** pg_class oid, as text. */
  readonly oid: string;
  /** pg_class relkind: r, p, v, m or f. */
  readonly relkind: string;
  /** pg_class relrowsecurity: row-level security is enabled. */
  readonly rowSecurity?: boolean;
}

/** The target's version table, quoted as identifiers for SQL text. */
const qualifiedTable = (target: Target): string =>
  `${pg.escapeIdentifier(target.schema)}.${pg.escapeIdentifier(
    target.versionTable
  )}`;

export type { LocatedTable };
export { qualifiedTable };
