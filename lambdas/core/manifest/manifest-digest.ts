import { createHash } from 'node:crypto';
import { compareIds } from '../graph/topology.js';
import {
  HASH_ALGORITHM,
  MANIFEST_FORMAT_VERSION,
  type ManifestRevision,
} from './manifest-format.js';

/** One revision as a fixed-order tuple, the form stored and hashed. */
type RevisionRow = readonly [
  id: string,
  downRevisions: readonly string[],
  branchLabels: readonly string[],
  dependsOn: readonly string[],
  fileName: string,
  fileHash: string,
];

/** Lower-hex SHA-256 of bytes, or of a string's UTF-8 encoding. */
const sha256Hex = (content: Uint8Array | string): string =>
  createHash(HASH_ALGORITHM).update(content).digest('hex');

/** A revision as its row tuple. */
const toRow = (revision: ManifestRevision): RevisionRow => [
  revision.id,
  revision.downRevisions,
  revision.branchLabels,
  revision.dependsOn,
  revision.fileName,
  revision.fileHash,
];

/** Revisions sorted by id in code-unit order (see compareIds). */
const sortRevisions = (
  revisions: readonly ManifestRevision[]
): ManifestRevision[] =>
  [...revisions].sort((left, right) => compareIds(left.id, right.id));

/**
 * The canonical text a manifest digest covers: the JSON array
 * `[formatVersion, hashAlgorithm, rows]`, rows sorted by id, each row
 * `[id, downRevisions, branchLabels, dependsOn, fileName, fileHash]`,
 * lists in written order, no whitespace. Independent of file listing order.
 */
const canonicalManifestText = (
  revisions: readonly ManifestRevision[]
): string =>
  JSON.stringify([
    MANIFEST_FORMAT_VERSION,
    HASH_ALGORITHM,
    sortRevisions(revisions).map(toRow),
  ]);

/** The manifest digest: lower-hex SHA-256 of the canonical text. */
const manifestDigest = (revisions: readonly ManifestRevision[]): string =>
  sha256Hex(canonicalManifestText(revisions));

export type { RevisionRow };
export {
  canonicalManifestText,
  manifestDigest,
  sha256Hex,
  sortRevisions,
  toRow,
};
