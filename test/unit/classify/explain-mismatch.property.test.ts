import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainMismatch } from '../../../lambdas/core/classify/explain-mismatch.js';
import { type Finding, FindingCode } from '../../../lambdas/core/findings.js';
import { appliedRevisions } from '../../../lambdas/core/graph/ancestry.js';
import { expectedRows } from '../../../lambdas/core/graph/heads.js';
import {
  createRevisionGraph,
  type RevisionGraph,
} from '../../../lambdas/core/graph/revision-graph.js';
import { revisionsToUpgrade } from '../../../lambdas/core/graph/upgrade-path.js';
import { randomDag } from '../graph/random-dag.js';

/**
 * A random graph and an attested state in it: the rows Alembic writes once
 * a random non-empty set of revisions and their ancestors is applied.
 */
const attestedState = randomDag.chain((dag) => {
  const ids = dag.revisions.map((r) => r.id);
  return fc.subarray(ids, { minLength: 1 }).map((targets) => {
    const graph = createRevisionGraph(dag.revisions);
    return { graph, ids, expected: expectedRows(graph, targets) };
  });
});

/** An attested state and a state strictly below every attested head. */
const rolledBackState = attestedState
  .filter(
    ({ graph, expected }) =>
      appliedRevisions(graph, expected).size > expected.length
  )
  .chain((state) => {
    const heads = new Set(state.expected);
    const below = [...appliedRevisions(state.graph, state.expected)].filter(
      (id) => !heads.has(id)
    );
    return fc.subarray(below, { minLength: 1 }).map((picked) => ({
      ...state,
      observed: expectedRows(state.graph, picked),
    }));
  });

/** Any rows: known ids, forged ones, look-alikes and repeats. */
const anyRows = attestedState.chain((state) =>
  fc.record({
    state: fc.constant(state),
    rows: fc.array(
      fc.oneof(
        fc.constantFrom(...state.ids),
        fc.constantFrom(...state.ids).map((id) => id.toUpperCase()),
        fc.stringMatching(/^[0-9a-f]{12}$/)
      ),
      { minLength: 1, maxLength: 8 }
    ),
  })
);

/** What a finding says, without the row lists it was given as is. */
const said = (findings: readonly Finding[]) =>
  findings.map(({ code, severity, summary }) => ({ code, severity, summary }));

/** The list as explainMismatch prints it: six ids, then how many more. */
const printedList = (ids: readonly string[]) =>
  ids.length > 6
    ? `${ids.slice(0, 6).join(', ')} and ${ids.length - 6} more`
    : ids.join(', ');

const explain = (
  graph: RevisionGraph,
  expected: readonly string[],
  observed: readonly string[]
) => explainMismatch(graph, expected, observed);

describe('explainMismatch properties on random graphs with merges and depends_on', () => {
  it('returns no finding when the rows are the attested heads', () => {
    fc.assert(
      fc.property(attestedState, ({ graph, expected }) => {
        expect(explain(graph, expected, [...expected].reverse())).toEqual([]);
      })
    );
  });

  it('returns ROLLED_BACK alone, re-running what upgrade would, for a state below every head', () => {
    fc.assert(
      fc.property(rolledBackState, ({ graph, expected, observed }) => {
        const findings = explain(graph, expected, observed);
        const rerun = revisionsToUpgrade(graph, observed, expected);

        expect(findings.map((f) => f.code)).toEqual([FindingCode.rolledBack]);
        expect(findings[0]?.summary).toMatch(
          new RegExp(`; the next upgrade re-runs ${printedList(rerun)}$`)
        );
      })
    );
  });

  it('returns the same findings whatever the order of the rows', () => {
    fc.assert(
      fc.property(
        anyRows.chain(({ state, rows }) =>
          fc.record({
            state: fc.constant(state),
            rows: fc.constant(rows),
            shuffled: fc.shuffledSubarray(rows, {
              minLength: rows.length,
              maxLength: rows.length,
            }),
          })
        ),
        ({ state, rows, shuffled }) => {
          const { graph, expected } = state;

          expect(said(explain(graph, expected, shuffled))).toEqual(
            said(explain(graph, expected, rows))
          );
        }
      )
    );
  });
});
