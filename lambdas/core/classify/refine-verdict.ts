import { FindingCode } from '../findings.js';
import { createRevisionGraph } from '../graph/revision-graph.js';
import type { Manifest } from '../manifest/manifest-format.js';
import type { Verdict } from '../verdict.js';
import { explainMismatch } from './explain-mismatch.js';

/**
 * Replaces a bare VERSION_MISMATCH with the graph-aware findings the
 * recorded manifest supports (rolled back, skipped forward, ...). Other
 * findings stay as they are; without a mismatch the verdict is unchanged.
 */
const refineVerdict = (verdict: Verdict, manifest: Manifest): Verdict => {
  const mismatch = verdict.findings.find(
    (finding) => finding.code === FindingCode.versionMismatch
  );
  if (mismatch === undefined) return verdict;

  const explained = explainMismatch(
    createRevisionGraph(manifest.revisions),
    mismatch.expected ?? [],
    mismatch.observed ?? []
  );
  if (explained.length === 0) return verdict;

  return {
    ...verdict,
    findings: verdict.findings.flatMap((finding) =>
      finding === mismatch ? explained : [finding]
    ),
  };
};

export { refineVerdict };
