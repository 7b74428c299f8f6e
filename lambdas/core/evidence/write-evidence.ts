import { compareText } from '../schema/canonical-json.js';

/** One version row and the transaction id that last wrote it. */
interface RowEvidence {
  readonly value: string;
  /** `xmin` of the row as text: the id of the transaction that wrote it. */
  readonly xmin: string;
}

/** Cumulative write counters of the version table since a stats reset. */
interface WriteCounters {
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
  readonly hotUpdated: number;
}

/**
 * What tells whether the version table was written, read with plain
 * SELECT privileges in the same transaction as its rows. `tableOid`
 * changes when the table is dropped and created again; `relfilenode`
 * also changes on VACUUM FULL, CLUSTER and TRUNCATE, so it is kept for
 * the record and never alerted on alone.
 */
interface WriteEvidence {
  readonly tableOid: string;
  readonly relfilenode: string;
  /** Sorted by value. */
  readonly rows: readonly RowEvidence[];
  readonly counters: WriteCounters;
  /** When the database's statistics were last reset, if ever. */
  readonly statsResetAt?: string;
}

/** Row evidence in the canonical order used for storage and comparison. */
const sortedRows = (rows: readonly RowEvidence[]): RowEvidence[] =>
  [...rows].sort((a, b) =>
    a.value === b.value
      ? compareText(a.xmin, b.xmin)
      : compareText(a.value, b.value)
  );

export type { RowEvidence, WriteCounters, WriteEvidence };
export { sortedRows };
