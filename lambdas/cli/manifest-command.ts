import { heads } from '../core/graph/heads.js';
import { createRevisionGraph } from '../core/graph/revision-graph.js';
import {
  measureManifest,
  serialiseManifest,
} from '../core/manifest/manifest-storage.js';
import { printableValue } from '../core/revision-value.js';
import { readManifest } from '../io/manifest-files.js';
import { ExitCode } from './exit-codes.js';

interface ManifestOptions {
  readonly versionsDir: string;
  readonly recursive?: boolean;
  readonly versionColumnWidth: number;
  readonly json?: boolean;
}

/**
 * `alembic-sentinel manifest <versions dir>`: reads the migration scripts
 * without running Python and prints the manifest (with --json) or a
 * summary with its digest, heads, stored size and warnings.
 */
const runManifest = async (
  options: ManifestOptions,
  write: (text: string) => void
): Promise<ExitCode> => {
  const { manifest, warnings } = await readManifest(options.versionsDir, {
    versionColumnWidth: options.versionColumnWidth,
    ...(options.recursive !== undefined && { recursive: options.recursive }),
  });
  const serialised = serialiseManifest(manifest);
  const size = measureManifest(serialised);
  const graphHeads = heads(createRevisionGraph(manifest.revisions));

  if (options.json) {
    write(
      JSON.stringify({
        manifest,
        heads: graphHeads,
        warnings,
        storedBytes: size.bytes,
      })
    );
  } else {
    write(
      [
        `revisions: ${manifest.revisions.length}`,
        `heads:     ${graphHeads.map((head) => printableValue(head)).join(', ')}`,
        `digest:    ${manifest.hashAlgorithm}:${manifest.digest}`,
        `size:      ${size.bytes} of ${size.budgetBytes} bytes (${size.status})`,
        ...warnings.map(
          (warning) => `warning:   ${warning.code} ${warning.message}`
        ),
      ].join('\n')
    );
  }
  return ExitCode.ok;
};

export { runManifest };
