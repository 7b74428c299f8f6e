import type pg from 'pg';
import {
  sortedRows,
  type WriteEvidence,
} from '../../core/evidence/write-evidence.js';
import type { Target } from '../../core/target.js';
import { type LocatedTable, qualifiedTable } from './located-table.js';

/** Relation kinds whose rows carry an xmin: tables and materialized views. */
const HAS_XMIN = new Set(['r', 'p', 'm']);

/**
 * The table's identity and write counters. The counters are what the
 * statistics system has been told so far: a session that is still open
 * may hold back its last second of counts (up to ten seconds when idle).
 */
const TABLE_FACTS = `
  select c.relfilenode::text as relfilenode,
    pg_stat_get_tuples_inserted(c.oid)::text as inserted,
    pg_stat_get_tuples_updated(c.oid)::text as updated,
    pg_stat_get_tuples_deleted(c.oid)::text as deleted,
    pg_stat_get_tuples_hot_updated(c.oid)::text as hot_updated,
    pg_stat_get_db_stat_reset_time(d.oid) as stats_reset
  from pg_class c, pg_database d
  where c.oid = $1::oid and d.datname = current_database()`;

interface FactsRow {
  readonly relfilenode: string;
  readonly inserted: string;
  readonly updated: string;
  readonly deleted: string;
  readonly hot_updated: string;
  readonly stats_reset: Date | null;
}

interface RowsAndWrites {
  readonly values: string[];
  /** Undefined for a view or foreign table: its rows have no xmin. */
  readonly writes?: WriteEvidence;
}

const toWrites = (
  located: LocatedTable,
  rows: { value: string; xmin: string }[],
  facts: FactsRow
): WriteEvidence => ({
  tableOid: located.oid,
  relfilenode: facts.relfilenode,
  rows: sortedRows(rows),
  counters: {
    inserted: Number(facts.inserted),
    updated: Number(facts.updated),
    deleted: Number(facts.deleted),
    hotUpdated: Number(facts.hot_updated),
  },
  ...(facts.stats_reset && { statsResetAt: facts.stats_reset.toISOString() }),
});

/**
 * Reads the version rows with each row's xmin, and the table's oid,
 * relfilenode and write counters, inside the caller's transaction. Needs
 * SELECT on the table only; the rest is catalog and statistics access
 * every login has.
 */
const readRowsAndWrites = async (
  client: pg.Client,
  target: Target,
  located: LocatedTable
): Promise<RowsAndWrites> => {
  const table = qualifiedTable(target);
  if (!HAS_XMIN.has(located.relkind)) {
    const plain = await client.query<{ version_num: string }>(
      `select version_num::text as version_num from ${table}`
    );
    return { values: plain.rows.map((row) => row.version_num) };
  }

  const rows = await client.query<{ value: string; xmin: string }>(
    `select version_num::text as value, xmin::text as xmin from ${table}`
  );
  const facts = await client.query<FactsRow>(TABLE_FACTS, [located.oid]);
  const [row] = facts.rows;
  const values = rows.rows.map((entry) => entry.value);
  if (row === undefined) return { values };
  return { values, writes: toWrites(located, rows.rows, row) };
};

export type { RowsAndWrites };
export { readRowsAndWrites };
