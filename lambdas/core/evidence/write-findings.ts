import { type Finding, FindingCode } from '../findings.js';
import { printableValue } from '../revision-value.js';
import { namedSome, newFinding } from './new-finding.js';
import type { WriteCounters, WriteEvidence } from './write-evidence.js';

/** Counters that say a write happened; hot updates are a kind of update. */
const COUNTED = [
  ['inserted', 'insert'],
  ['updated', 'update'],
  ['deleted', 'delete'],
] as const;

/**
 * True when the statistics were reset (pg_stat_reset, crash recovery,
 * failover to a standby) between the two reads: a different reset time,
 * or a counter that went down. Counters are then not comparable.
 */
const countersReset = (
  observed: WriteEvidence,
  attested: WriteEvidence
): boolean =>
  observed.statsResetAt !== attested.statsResetAt ||
  COUNTED.some(([name]) => observed.counters[name] < attested.counters[name]);

/** Writes counted since the attestation, as "1 insert, 2 updates". */
const countedWrites = (
  observed: WriteCounters,
  attested: WriteCounters
): string[] =>
  COUNTED.flatMap(([name, noun]) => {
    const delta = observed[name] - attested[name];
    return delta > 0 ? [`${delta} ${noun}${delta === 1 ? '' : 's'}`] : [];
  });

/** What the counters add to a finding about the same table. */
const countersNote = (
  observed: WriteEvidence,
  attested: WriteEvidence
): string => {
  if (countersReset(observed, attested)) {
    return '; statistics were reset since, so writes cannot be counted';
  }
  const writes = countedWrites(observed.counters, attested.counters);
  return writes.length === 0 ? '' : `; statistics count ${writes.join(', ')}`;
};

const rowLabel = (value: string, xmin: string): string =>
  `${printableValue(value)} xmin ${xmin}`;

const replacedTable = (
  observed: WriteEvidence,
  attested: WriteEvidence,
  deployId: string
): Finding =>
  newFinding(
    FindingCode.tableReplaced,
    `the version table is not the one deploy ${deployId} recorded ` +
      `(oid ${attested.tableOid}, now ${observed.tableOid}): dropped and ` +
      'created again, or restored or rewritten',
    {
      expected: [`oid ${attested.tableOid}`],
      observed: [`oid ${observed.tableOid}`],
    }
  );

const rewrittenRows = (
  observed: WriteEvidence,
  attested: WriteEvidence,
  deployId: string
): Finding[] => {
  const before = new Map(attested.rows.map((row) => [row.value, row.xmin]));
  const changed = observed.rows.filter((row) => {
    const xmin = before.get(row.value);
    return xmin !== undefined && xmin !== row.xmin;
  });
  if (changed.length === 0) return [];

  const described = changed.map(
    (row) =>
      `${rowLabel(row.value, before.get(row.value) ?? '?')} -> ${row.xmin}`
  );
  return [
    newFinding(
      FindingCode.rowRewritten,
      `version row written after deploy ${deployId} recorded it ` +
        `(${namedSome(described, 3)}): updated in place, changed and put ` +
        `back, or restored or rewritten${countersNote(observed, attested)}`,
      {
        expected: changed.map((row) =>
          rowLabel(row.value, before.get(row.value) ?? '?')
        ),
        observed: changed.map((row) => rowLabel(row.value, row.xmin)),
      }
    ),
  ];
};

const countedOnly = (
  observed: WriteEvidence,
  attested: WriteEvidence,
  deployId: string
): Finding[] => {
  if (countersReset(observed, attested)) return [];
  const writes = countedWrites(observed.counters, attested.counters);
  if (writes.length === 0) return [];
  return [
    newFinding(
      FindingCode.writesCounted,
      `statistics count ${writes.join(', ')} on the version table since ` +
        `deploy ${deployId} was recorded, yet its rows are unchanged: a row ` +
        'was added and removed again, or a write was rolled back',
      { expected: ['no writes'], observed: writes }
    ),
  ];
};

/**
 * Findings from comparing the write evidence of a check with the evidence
 * the attestation recorded, when the rows hold the attested heads. A new
 * oid or a new xmin proves a write; counters only count, and say nothing
 * once the statistics were reset. VACUUM FULL and CLUSTER change the
 * relfilenode only, and VACUUM FREEZE keeps xmin: neither is a finding.
 */
const writeFindings = (
  observed: WriteEvidence,
  attested: WriteEvidence,
  deployId: string
): Finding[] => {
  if (observed.tableOid !== attested.tableOid) {
    return [replacedTable(observed, attested, deployId)];
  }
  const rewritten = rewrittenRows(observed, attested, deployId);
  return rewritten.length > 0
    ? rewritten
    : countedOnly(observed, attested, deployId);
};

export { writeFindings };
