import { z } from 'zod';
import { ManifestError } from '../errors.js';
import { manifestDigest, sortRevisions, toRow } from './manifest-digest.js';
import {
  HASH_ALGORITHM,
  MANIFEST_FORMAT_VERSION,
  type Manifest,
} from './manifest-format.js';

/** DynamoDB's item size limit: names and values, UTF-8, 400 KB. */
const DYNAMODB_ITEM_LIMIT_BYTES = 400 * 1024;

/** Room left in the item for its keys and other attributes. */
const MANIFEST_ITEM_RESERVED_BYTES = 2 * 1024;

/** Whether a serialised manifest fits the item it is stored in. */
const ManifestSizeStatus = {
  fits: 'fits',
  tooLarge: 'too-large',
} as const;

type ManifestSizeStatus =
  (typeof ManifestSizeStatus)[keyof typeof ManifestSizeStatus];

/** The size of a serialised manifest against its budget. */
interface ManifestSize {
  readonly bytes: number;
  readonly budgetBytes: number;
  readonly status: ManifestSizeStatus;
}

const HEX_HASH = /^[0-9a-f]{64}$/;
const ids = z.array(z.string().min(1));

const storedManifestSchema = z.strictObject({
  formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
  hashAlgorithm: z.literal(HASH_ALGORITHM),
  digest: z.string().regex(HEX_HASH),
  revisions: z.array(
    z.tuple([
      z.string().min(1),
      ids,
      ids,
      ids,
      z.string().min(1),
      z.string().regex(HEX_HASH),
    ])
  ),
});

/**
 * Serialises a manifest compactly for its own DynamoDB item: JSON without
 * whitespace, each revision a row `[id, downRevisions, branchLabels,
 * dependsOn, fileName, fileHash]` rather than an object with field names.
 */
const serialiseManifest = (manifest: Manifest): string =>
  JSON.stringify({
    formatVersion: manifest.formatVersion,
    hashAlgorithm: manifest.hashAlgorithm,
    digest: manifest.digest,
    revisions: sortRevisions(manifest.revisions).map(toRow),
  });

/**
 * Reads a manifest written by serialiseManifest and checks its digest
 * against its content. Throws ManifestError (`unreadable`) when the text
 * is not a manifest of this format or the digest does not match.
 */
const deserialiseManifest = (text: string): Manifest => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ManifestError(
      'unreadable',
      'stored manifest is not JSON',
      {},
      {
        cause,
      }
    );
  }

  const parsed = storedManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new ManifestError(
      'unreadable',
      `stored manifest does not match format ${MANIFEST_FORMAT_VERSION}: ` +
        z.prettifyError(parsed.error)
    );
  }

  const { revisions: rows, ...header } = parsed.data;
  const revisions = rows.map(
    ([id, downRevisions, branchLabels, dependsOn, fileName, fileHash]) => ({
      id,
      downRevisions,
      branchLabels,
      dependsOn,
      fileName,
      fileHash,
    })
  );
  const digest = manifestDigest(revisions);
  if (digest !== header.digest) {
    throw new ManifestError(
      'unreadable',
      `stored manifest digest ${header.digest} does not match its content ` +
        `(${digest}); the item was altered or damaged.`
    );
  }
  return { ...header, revisions };
};

/**
 * Measures a serialised manifest in UTF-8 bytes against what one DynamoDB
 * item can hold once its keys and other attributes are counted.
 */
const measureManifest = (
  serialised: string,
  budgetBytes = DYNAMODB_ITEM_LIMIT_BYTES - MANIFEST_ITEM_RESERVED_BYTES
): ManifestSize => {
  const bytes = Buffer.byteLength(serialised, 'utf8');
  return {
    bytes,
    budgetBytes,
    status:
      bytes <= budgetBytes
        ? ManifestSizeStatus.fits
        : ManifestSizeStatus.tooLarge,
  };
};

export type { ManifestSize };
export {
  DYNAMODB_ITEM_LIMIT_BYTES,
  deserialiseManifest,
  MANIFEST_ITEM_RESERVED_BYTES,
  ManifestSizeStatus,
  measureManifest,
  serialiseManifest,
};
