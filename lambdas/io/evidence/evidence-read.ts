import type pg from 'pg';
import type { VersionTableRead } from '../../core/observation.js';
import type { Target } from '../../core/target.js';
import type { LocatedTable } from './located-table.js';
import { readPrivileges } from './privilege-read.js';
import { readSchema } from './schema-read.js';
import { readRowsAndWrites } from './write-evidence-read.js';

/**
 * Names in catalog output are schema-qualified only when not on the
 * search_path; with pg_catalog alone every user object is qualified, so
 * definitions read the same whatever the login's settings. pg_temp last
 * keeps temporary objects from shadowing anything we call.
 */
const CANONICAL_SEARCH_PATH = 'set local search_path = pg_catalog, pg_temp';

/**
 * Reads the version rows and all evidence inside the caller's READ ONLY
 * transaction: write evidence, schema snapshot, privilege audit.
 */
const readWithEvidence = async (
  client: pg.Client,
  target: Target,
  located: LocatedTable
): Promise<VersionTableRead> => {
  await client.query(CANONICAL_SEARCH_PATH);
  const { values, writes } = await readRowsAndWrites(client, target, located);
  const schema = await readSchema(client, target);
  const privileges = await readPrivileges(client, target, located.oid);
  return {
    kind: 'rows',
    values,
    evidence: { ...(writes && { writes }), schema, privileges },
  };
};

export { readWithEvidence };
