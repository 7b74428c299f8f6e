import { canonicalHeads } from './core/attestation.js';
import type { DeployWindow } from './core/deploy-window.js';
import { ConfigurationError, RecordRefusedError } from './core/errors.js';
import type { Manifest } from './core/manifest/manifest-format.js';
import { malformedReason } from './core/revision-value.js';
import type { Target } from './core/target.js';
import type { ManifestStore } from './io/manifest-store.js';
import type { WindowStore } from './io/window-store.js';
import { checkHeadsInManifest } from './manifest-check.js';
import { type ObserveDeps, readVersionTable } from './observe.js';
import { checkProvenance } from './provenance-check.js';

/** Longest deploy window, as the recorder's event schema allows. */
const MAX_WINDOW_MINUTES = 1440;

/** A pipeline announcing the deploy it is about to run. */
interface WindowRequest {
  readonly target: Target;
  readonly deployId: string;
  readonly toHeads: readonly string[];
  /** Whole minutes, 1 to 1440. */
  readonly expiresInMinutes: number;
  readonly manifest?: Manifest;
}

interface WindowDeps extends ObserveDeps {
  readonly windows: Pick<WindowStore, 'open'>;
  readonly manifests?: Pick<ManifestStore, 'put'>;
  readonly clock: () => Date;
}

/**
 * Opens a deploy window: reads the heads the database is at now, and lets
 * the verifier accept the states between them and `toHeads` until the
 * window expires or the deploy is recorded. Refuses when the version
 * table cannot be a starting point (missing, empty or malformed).
 */
const openDeployWindow = async (
  request: WindowRequest,
  deps: WindowDeps
): Promise<DeployWindow> => {
  checkProvenance(request);
  const minutes = request.expiresInMinutes;
  if (
    !Number.isInteger(minutes) ||
    minutes < 1 ||
    minutes > MAX_WINDOW_MINUTES
  ) {
    throw new ConfigurationError(
      `expiresInMinutes is ${minutes}; give a whole number of minutes ` +
        `from 1 to ${MAX_WINDOW_MINUTES} (--expires-in-minutes)`
    );
  }
  const toHeads = canonicalHeads(request.toHeads);
  if (request.manifest) checkHeadsInManifest(toHeads, request.manifest);

  const table = await readVersionTable(request.target, deps);
  const fromHeads = table.kind === 'rows' ? canonicalHeads(table.values) : [];
  const unusable =
    fromHeads.length === 0 ||
    fromHeads.some((head) => malformedReason(head) !== undefined);
  if (unusable) {
    throw new RecordRefusedError(
      `target ${request.target.id}: refusing to open a deploy window; the ` +
        'version table is missing, empty or malformed',
      toHeads,
      fromHeads
    );
  }

  const now = deps.clock();
  const window: DeployWindow = {
    targetId: request.target.id,
    deployId: request.deployId,
    fromHeads,
    toHeads,
    openedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
    ...(request.manifest && { manifestDigest: request.manifest.digest }),
  };
  if (request.manifest && deps.manifests) {
    await deps.manifests.put(request.target.id, request.manifest);
  }
  await deps.windows.open(window);
  return window;
};

export type { WindowDeps, WindowRequest };
export { openDeployWindow };
