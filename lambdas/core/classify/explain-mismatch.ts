import { CATALOGUE } from '../catalogue.js';
import { type Finding, FindingCode } from '../findings.js';
import type { RevisionGraph } from '../graph/revision-graph.js';
import { revisionsToUpgrade } from '../graph/upgrade-path.js';
import { listValues, printableValue } from '../revision-value.js';
import { type HeadStanding, relateRows } from './row-relations.js';

/** Lists at most this many revisions in one summary. */
const LISTED_MAX = 6;

const finding = (
  code: FindingCode,
  summary: string,
  expected: readonly string[],
  observed: readonly string[]
): Finding => ({
  code,
  severity: CATALOGUE[code].severity,
  summary,
  expected,
  observed,
});

const listed = (ids: readonly string[]): string => listValues(ids, LISTED_MAX);

const plural = (count: number, word: string) =>
  `${count} ${word}${count === 1 ? '' : 's'}`;

type Moved = { head: string } & Extract<HeadStanding, { row: string }>;

const movedHeads = (
  standings: ReadonlyMap<string, HeadStanding>,
  kind: 'behind' | 'ahead'
): Moved[] =>
  [...standings].flatMap(([head, standing]) =>
    standing.kind === kind ? [{ head, ...standing }] : []
  );

const lookalike = (graph: RevisionGraph, row: string): string | undefined => {
  const folded = row.replace(/\s+/g, '').toLowerCase();
  return [...graph.revisions.keys()].find((id) => id.toLowerCase() === folded);
};

/**
 * Explains, in the terms of the threat scenarios, how observed rows differ
 * from the attested heads, using the revision graph of the recorded
 * manifest. Rows must already be well formed. Row order never matters.
 */
const explainMismatch = (
  graph: RevisionGraph,
  expected: readonly string[],
  observed: readonly string[]
): Finding[] => {
  const relations = relateRows(graph, expected, observed);
  const known = [...new Set(observed)].filter((row) =>
    graph.revisions.has(row)
  );
  const behind = movedHeads(relations.heads, 'behind');
  const ahead = movedHeads(relations.heads, 'ahead');
  const present = [...relations.heads.values()].filter(
    (standing) => standing.kind === 'present'
  );
  const absent = [...relations.heads].filter(([, s]) => s.kind === 'absent');
  const found: Finding[] = [];
  const add = (code: FindingCode, summary: string) =>
    found.push(finding(code, summary, expected, observed));

  for (const row of relations.duplicateRows) {
    const count = observed.filter((value) => value === row).length;
    add(
      FindingCode.duplicateRows,
      `row ${printableValue(row)} appears ${count} times`
    );
  }
  const [firstUnknown, ...moreUnknown] = relations.unknownRows;
  if (firstUnknown !== undefined) {
    // One finding however many rows: a table stuffed with forged ids must
    // not grow the alert row by row.
    const twin = lookalike(graph, firstUnknown);
    const hint = twin
      ? `; it looks like ${twin} with other case or spaces`
      : '';
    const others =
      moreUnknown.length > 0 ? ` (and ${moreUnknown.length} more rows)` : '';
    add(
      FindingCode.unknownRevision,
      `row ${printableValue(firstUnknown)} is no revision of the recorded ` +
        `manifest${hint}${others}`
    );
  }

  const attested = expected.filter((head) => graph.revisions.has(head));
  const rerun = revisionsToUpgrade(graph, known, attested);
  const rerunText = `the next upgrade re-runs ${listed(rerun)}`;
  if (behind.length > 0) {
    const where = behind
      .map(
        (m) => `${m.row} is ${plural(m.distance, 'revision')} below ${m.head}`
      )
      .join('; ');
    if (present.length > 0) {
      add(
        FindingCode.partialHeads,
        `${where}; other heads in place; ${rerunText}`
      );
    } else {
      add(FindingCode.rolledBack, `rolled back: ${where}; ${rerunText}`);
    }
  }
  for (const moved of ahead) {
    // Counted from every recorded head: another branch's recorded
    // revisions are not news.
    const skipped = revisionsToUpgrade(graph, attested, [moved.row]);
    add(
      FindingCode.skippedForward,
      `moved forward to ${moved.row}, ${plural(moved.distance, 'revision')} ` +
        `past the recorded ${moved.head}; never recorded: ${listed(skipped)}`
    );
  }

  if (relations.sidewaysRows.length > 0) {
    add(
      FindingCode.sideways,
      `${listed(relations.sidewaysRows)} on another branch than the ` +
        `recorded ${listed(expected)}`
    );
  } else if (absent.length > 0 && present.length > 0) {
    // A row folded into a dependent revision's row, or deleted: the
    // branch lags although no row sits below its head.
    const rerunNote =
      behind.length === 0 && rerun.length > 0 ? `; ${rerunText}` : '';
    add(
      FindingCode.partialHeads,
      `no row for recorded head ${listed(absent.map(([head]) => head))}; ` +
        `other heads in place${rerunNote}`
    );
  }
  if (relations.extraRows.length > 0) {
    add(
      FindingCode.extraRows,
      `extra ${plural(relations.extraRows.length, 'row')} ` +
        `${listed(relations.extraRows)} beside the recorded heads`
    );
  }

  return found;
};

export { explainMismatch };
