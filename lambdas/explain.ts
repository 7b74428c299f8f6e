import type { Attestation } from './core/attestation.js';
import { refineVerdict } from './core/classify/refine-verdict.js';
import { applyWindow, type DeployWindow } from './core/deploy-window.js';
import { createRevisionGraph } from './core/graph/revision-graph.js';
import type { Manifest } from './core/manifest/manifest-format.js';
import type { Target } from './core/target.js';
import { type Verdict, VerdictStatus } from './core/verdict.js';
import type { ManifestStore } from './io/manifest-store.js';

/** The stores an explanation may read. */
interface ExplainDeps {
  readonly manifests?: Pick<ManifestStore, 'get'>;
}

/** What a check knew when it judged the table. */
interface CheckContext {
  readonly target: Target;
  readonly attestation: Attestation | undefined;
  readonly window: DeployWindow | undefined;
  readonly checkedAt: string;
}

const manifestOf = async (
  deps: ExplainDeps,
  targetId: string,
  digest: string | undefined
): Promise<Manifest | undefined> =>
  digest === undefined || deps.manifests === undefined
    ? undefined
    : deps.manifests.get(targetId, digest);

/**
 * Applies an open deploy window, then explains a remaining mismatch with
 * the recorded manifest. Manifests are read only when there is a
 * difference to explain, so an OK check costs no extra read.
 */
const explain = async (
  verdict: Verdict,
  context: CheckContext,
  deps: ExplainDeps
): Promise<Verdict> => {
  if (verdict.status !== VerdictStatus.mismatch && !context.window) {
    return verdict;
  }
  const { target, attestation, window, checkedAt } = context;
  const windowManifest =
    window && verdict.status === VerdictStatus.mismatch
      ? await manifestOf(deps, target.id, window.manifestDigest)
      : undefined;
  const windowGraph = windowManifest
    ? createRevisionGraph(windowManifest.revisions)
    : undefined;
  const windowed = applyWindow(
    verdict,
    window,
    attestation,
    windowGraph,
    checkedAt
  );
  if (windowed.status !== VerdictStatus.mismatch) return windowed;

  // A deploy that changed no script shares the attested manifest: reuse it.
  const manifest =
    windowManifest && windowManifest.digest === attestation?.manifestDigest
      ? windowManifest
      : await manifestOf(deps, target.id, attestation?.manifestDigest);
  return manifest ? refineVerdict(windowed, manifest) : windowed;
};

export type { CheckContext, ExplainDeps };
export { explain };
