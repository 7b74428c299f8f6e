import type { Attestation } from './attestation.js';
import { CATALOGUE } from './catalogue.js';
import { FindingCode } from './findings.js';
import { appliedRevisions } from './graph/ancestry.js';
import type { RevisionGraph } from './graph/revision-graph.js';
import { type Verdict, VerdictStatus } from './verdict.js';

/** A deploy the pipeline announced before migrating. */
interface DeployWindow {
  readonly targetId: string;
  readonly deployId: string;
  readonly fromHeads: readonly string[];
  readonly toHeads: readonly string[];
  readonly openedAt: string;
  readonly expiresAt: string;
  /** Manifest of the build being deployed, for the path between heads. */
  readonly manifestDigest?: string;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length &&
  [...a].sort().every((v, i) => v === [...b].sort()[i]);

/**
 * Whether `rows` is a state between the window's old and new heads: every
 * row is at or below a new head and not strictly below an old one. Without
 * a graph only the two end states are accepted.
 */
const onPath = (
  window: DeployWindow,
  rows: readonly string[],
  graph: RevisionGraph | undefined
): boolean => {
  if (sameSet(rows, window.fromHeads) || sameSet(rows, window.toHeads)) {
    return true;
  }
  if (graph === undefined || rows.length === 0) return false;
  if (![...rows, ...window.toHeads].every((id) => graph.revisions.has(id))) {
    return false;
  }
  const known = window.fromHeads.filter((id) => graph.revisions.has(id));
  const reachable = appliedRevisions(graph, window.toHeads);
  const settled = appliedRevisions(graph, known);
  return rows.every(
    (row) => reachable.has(row) && (!settled.has(row) || known.includes(row))
  );
};

/**
 * Applies a deploy window to a verdict. A window is closed once an
 * attestation carries its deploy id. While open, states on the path from
 * the old heads to the new ones are OK; once expired, WINDOW_EXPIRED is
 * added whatever the table shows.
 */
const applyWindow = (
  verdict: Verdict,
  window: DeployWindow | undefined,
  latest: Attestation | undefined,
  graph: RevisionGraph | undefined,
  now: string
): Verdict => {
  if (window === undefined || latest?.deployId === window.deployId) {
    return verdict;
  }

  if (Date.parse(now) >= Date.parse(window.expiresAt)) {
    const expired = {
      code: FindingCode.windowExpired,
      severity: CATALOGUE[FindingCode.windowExpired].severity,
      summary:
        `deploy ${window.deployId} opened ${window.openedAt} expired ` +
        `${window.expiresAt} without a record`,
      expected: window.toHeads,
    };
    return {
      ...verdict,
      status:
        verdict.status === VerdictStatus.ok
          ? VerdictStatus.mismatch
          : verdict.status,
      findings: [...verdict.findings, expired],
    };
  }

  const mismatchOnly = verdict.findings.every(
    (finding) => finding.code === FindingCode.versionMismatch
  );
  const rows = verdict.observedRows;
  if (verdict.status !== VerdictStatus.mismatch || !mismatchOnly || !rows) {
    return verdict;
  }
  return onPath(window, rows, graph)
    ? { ...verdict, status: VerdictStatus.ok, findings: [] }
    : verdict;
};

export type { DeployWindow };
export { applyWindow, onPath };
