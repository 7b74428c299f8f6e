import { type RevisionRelation, relateRevisions } from '../graph/ancestry.js';
import { expectedRows } from '../graph/heads.js';
import type { RevisionGraph } from '../graph/revision-graph.js';
import { compareIds } from '../graph/topology.js';

/** How one expected head stands in the observed rows. */
type HeadStanding =
  | { readonly kind: 'present' }
  /** A row sits below the head: this branch lags by `distance`. */
  | { readonly kind: 'behind'; readonly row: string; readonly distance: number }
  /** A row sits above the head: revisions past the attested one. */
  | { readonly kind: 'ahead'; readonly row: string; readonly distance: number }
  | { readonly kind: 'absent' };

/** What the observed rows say against the attested heads. */
interface RowRelations {
  readonly heads: ReadonlyMap<string, HeadStanding>;
  /** Rows that are not in the manifest at all. */
  readonly unknownRows: readonly string[];
  /** Known rows related to no expected head: another branch. */
  readonly sidewaysRows: readonly string[];
  /** Known rows beside a present head, e.g. a leftover ancestor row. */
  readonly extraRows: readonly string[];
  /** Rows that appear more than once. */
  readonly duplicateRows: readonly string[];
  /** Rows that are expected heads or explain one (behind or ahead). */
  readonly accountedRows: ReadonlySet<string>;
}

type Moved = Extract<HeadStanding, { row: string }>;

const standingFrom = (
  row: string,
  relation: RevisionRelation
): Moved | undefined => {
  if (relation.kind === 'ancestor') {
    return { kind: 'behind', row, distance: relation.distance };
  }
  if (relation.kind === 'descendant') {
    return { kind: 'ahead', row, distance: relation.distance };
  }
  return undefined;
};

const duplicatesOf = (rows: readonly string[]): string[] =>
  [...new Set(rows.filter((row, index) => rows.indexOf(row) !== index))].sort();

const nearest = (moves: readonly Moved[]): Moved | undefined =>
  moves.reduce<Moved | undefined>(
    (best, move) =>
      best === undefined || move.distance < best.distance ? move : best,
    undefined
  );

/**
 * Relates every observed row to the attested heads through the revision
 * graph. Pure; unknown ids are reported, never thrown. Neither the order
 * of the rows nor that of the heads changes the result.
 */
const relateRows = (
  graph: RevisionGraph,
  expectedHeads: readonly string[],
  observedRows: readonly string[]
): RowRelations => {
  const distinctRows = [...new Set(observedRows)].sort(compareIds);
  const knownRows = distinctRows.filter((row) => graph.revisions.has(row));
  // Alembic never keeps a row below another row; one that is left over
  // says nothing about where a branch stands.
  const topRows = expectedRows(graph, knownRows);
  const accounted = new Set<string>();
  const heads = new Map<string, HeadStanding>();

  for (const head of [...new Set(expectedHeads)].sort(compareIds)) {
    if (distinctRows.includes(head)) {
      heads.set(head, { kind: 'present' });
      accounted.add(head);
      continue;
    }
    const moves = graph.revisions.has(head)
      ? topRows.flatMap((row) => {
          const move = standingFrom(row, relateRevisions(graph, row, head));
          return move ? [move] : [];
        })
      : [];
    for (const move of moves) accounted.add(move.row);
    heads.set(head, nearest(moves) ?? { kind: 'absent' });
  }

  const leftover = knownRows.filter((row) => !accounted.has(row));
  const relatedToSomeHead = (row: string) =>
    expectedHeads.some(
      (head) =>
        graph.revisions.has(head) &&
        relateRevisions(graph, row, head).kind !== 'unrelated'
    );

  return {
    heads,
    unknownRows: distinctRows.filter((row) => !graph.revisions.has(row)),
    sidewaysRows: leftover.filter((row) => !relatedToSomeHead(row)),
    extraRows: leftover.filter(relatedToSomeHead),
    duplicateRows: duplicatesOf(observedRows),
    accountedRows: accounted,
  };
};

export type { HeadStanding, RowRelations };
export { relateRows };
