import { type Attestation, sameRows } from './attestation.js';
import { CATALOGUE } from './catalogue.js';
import { FindingCode } from './findings.js';
import { appliedRevisions } from './graph/ancestry.js';
import { expectedRows } from './graph/heads.js';
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

/**
 * What a deploy in progress does to a check: the rows move, and its
 * migrations change the schema. A window tolerates these, on the path.
 */
const DEPLOY_EFFECTS: ReadonlySet<FindingCode> = new Set([
  FindingCode.versionMismatch,
  FindingCode.schemaDrift,
]);

/**
 * Whether `rows` is a state between the window's old and new heads, as
 * Alembic can leave it: one row per branch (none below another row, none
 * twice), everything applied at the old heads still applied, nothing
 * applied beyond the new heads. Without a graph only the two end states
 * are accepted.
 */
const onPath = (
  window: DeployWindow,
  rows: readonly string[],
  graph: RevisionGraph | undefined
): boolean => {
  if (sameRows(rows, window.fromHeads) || sameRows(rows, window.toHeads)) {
    return true;
  }
  if (graph === undefined || rows.length === 0) return false;
  if (![...rows, ...window.toHeads].every((id) => graph.revisions.has(id))) {
    return false;
  }
  if (!sameRows(expectedRows(graph, rows), rows)) return false;

  const known = window.fromHeads.filter((id) => graph.revisions.has(id));
  const reachable = appliedRevisions(graph, window.toHeads);
  const applied = appliedRevisions(graph, rows);
  return (
    rows.every((row) => reachable.has(row)) &&
    known.every((head) => applied.has(head))
  );
};

/**
 * Whether the window no longer applies: an attestation carries its deploy
 * id, or a deploy was recorded after it opened (the deploy was rolled back
 * and the old heads recorded again, or another deploy superseded it).
 */
const closedBy = (
  window: DeployWindow,
  latest: Attestation | undefined
): boolean =>
  latest !== undefined &&
  (latest.deployId === window.deployId ||
    Date.parse(latest.recordedAt) >= Date.parse(window.openedAt));

/**
 * Applies a deploy window to a verdict. While open, a state on the path
 * from the old heads to the new ones hides what the deploy itself causes
 * (VERSION_MISMATCH, SCHEMA_DRIFT); every other finding stays. Once
 * expired, WINDOW_EXPIRED is added whatever the table shows.
 */
const applyWindow = (
  verdict: Verdict,
  window: DeployWindow | undefined,
  latest: Attestation | undefined,
  graph: RevisionGraph | undefined,
  now: string
): Verdict => {
  if (window === undefined || closedBy(window, latest)) {
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

  const rows = verdict.observedRows;
  if (verdict.status !== VerdictStatus.mismatch || !rows) return verdict;
  const rest = verdict.findings.filter((f) => !DEPLOY_EFFECTS.has(f.code));
  if (rest.length === verdict.findings.length || !onPath(window, rows, graph)) {
    return verdict;
  }
  return {
    ...verdict,
    status: rest.length === 0 ? VerdictStatus.ok : VerdictStatus.mismatch,
    findings: rest,
  };
};

export type { DeployWindow };
export { applyWindow, onPath };
