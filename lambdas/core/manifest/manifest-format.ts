import type { GraphRevision } from '../graph/topology.js';

/** Version of the manifest layout; bump when a field changes meaning. */
const MANIFEST_FORMAT_VERSION = 1;

/** Hash of each file's bytes and of the manifest, written as lower hex. */
const HASH_ALGORITHM = 'sha256';

/** Width of `alembic_version.version_num` in Alembic's default table. */
const DEFAULT_VERSION_COLUMN_WIDTH = 32;

/** One migration script as the manifest records it. */
interface ManifestRevision extends GraphRevision {
  readonly id: string;
  /** `down_revision` as written: empty for a base, several for a merge. */
  readonly downRevisions: readonly string[];
  /** `branch_labels` declared by this script, in written order. */
  readonly branchLabels: readonly string[];
  /** `depends_on` resolved to revision ids (labels replaced), deduplicated. */
  readonly dependsOn: readonly string[];
  /** Path relative to the versions directory, with `/` separators. */
  readonly fileName: string;
  /** Hex hash of the file's bytes, under the manifest's hashAlgorithm. */
  readonly fileHash: string;
}

/**
 * The revision graph of a versions directory with a hash of each script.
 * `digest` is the hash of the canonical text (see manifest-digest.ts), so
 * equal digests mean equal graphs, file names and file contents.
 */
interface Manifest {
  readonly formatVersion: typeof MANIFEST_FORMAT_VERSION;
  readonly hashAlgorithm: typeof HASH_ALGORITHM;
  /** Sorted by id in code-unit order (see compareIds). */
  readonly revisions: readonly ManifestRevision[];
  readonly digest: string;
}

/** Stable codes of the warnings a manifest build returns. */
const ManifestWarningCode = {
  /** More than one head carries no branch label: likely a missed merge. */
  multipleUnlabelledHeads: 'MULTIPLE_UNLABELLED_HEADS',
  /**
   * depends_on names a revision already before this one through its
   * down_revision. Harmless alone; on a merge, Alembic 1.8.1's upgrade
   * stops half-way with a KeyError.
   */
  redundantDependency: 'REDUNDANT_DEPENDENCY',
} as const;

type ManifestWarningCode =
  (typeof ManifestWarningCode)[keyof typeof ManifestWarningCode];

/** Something worth telling a person that does not stop the build. */
interface ManifestWarning {
  readonly code: ManifestWarningCode;
  readonly message: string;
  readonly revisions: readonly string[];
}

/** A built manifest with the warnings found on the way. */
interface ManifestBuild {
  readonly manifest: Manifest;
  readonly warnings: readonly ManifestWarning[];
}

/** One migration script's name (relative path) and raw bytes. */
interface ScriptFile {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** How to build a manifest. */
interface BuildManifestOptions {
  /**
   * Characters `alembic_version.version_num` holds; an id longer than this
   * is refused. Set it when the table was created with a wider column.
   * @default 32
   */
  readonly versionColumnWidth?: number;
}

export type {
  BuildManifestOptions,
  Manifest,
  ManifestBuild,
  ManifestRevision,
  ManifestWarning,
  ScriptFile,
};
export {
  DEFAULT_VERSION_COLUMN_WIDTH,
  HASH_ALGORITHM,
  MANIFEST_FORMAT_VERSION,
  ManifestWarningCode,
};
