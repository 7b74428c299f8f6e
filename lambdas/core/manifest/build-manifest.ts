import { ConfigurationError, ManifestError } from '../errors.js';
import { createRevisionGraph } from '../graph/revision-graph.js';
import { compareIds, walkTopology } from '../graph/topology.js';
import { manifestDigest, sha256Hex, sortRevisions } from './manifest-digest.js';
import {
  type BuildManifestOptions,
  DEFAULT_VERSION_COLUMN_WIDTH,
  HASH_ALGORITHM,
  MANIFEST_FORMAT_VERSION,
  type ManifestBuild,
  type ManifestRevision,
  type ScriptFile,
} from './manifest-format.js';
import { findManifestWarnings } from './manifest-warnings.js';
import { type ParsedScript, parseMigrationScript } from './script-parser.js';
import { resolveReferences } from './script-references.js';
import { decodeScriptSource } from './source-text.js';

/** Refuses a version column width that is not a positive integer. */
const checkWidth = (width: number): number => {
  if (!Number.isInteger(width) || width < 1) {
    throw new ConfigurationError(
      `versionColumnWidth is ${width}; it must be a positive integer, the ` +
        'length of alembic_version.version_num (Alembic creates 32).'
    );
  }
  return width;
};

/** Throws ManifestError naming the files of a cycle, if there is one. */
const refuseCycles = (
  revisions: readonly ManifestRevision[],
  scripts: ReadonlyMap<string, ParsedScript>
): void => {
  const topology = walkTopology(revisions);
  if (topology.kind === 'ordered') {
    return;
  }

  const [first = '', second = first] = topology.cycle;
  const path = [...topology.cycle, first]
    .map((id) => `${id} (${scripts.get(id)?.fileName ?? 'no file'})`)
    .join(' -> ');
  const script = scripts.get(first);
  const field = script?.downRevisions.includes(second)
    ? 'down_revision'
    : 'depends_on';
  const line = script?.lines[field];
  const where = [script?.fileName ?? 'manifest', line].filter(Boolean);

  throw new ManifestError(
    'cycle',
    `${where.join(':')}: revisions form a cycle, each naming the next as ` +
      `down_revision or depends_on: ${path}. A revision cannot come before ` +
      'itself; fix down_revision or depends_on.',
    {
      ...(script === undefined ? {} : { fileName: script.fileName }),
      ...(line === undefined ? {} : { line }),
    }
  );
};

/**
 * Builds the manifest of a versions directory from its scripts' names and
 * bytes: each script read statically (see parseMigrationScript), hashed,
 * its references checked and resolved, the whole hashed into `digest`.
 * Throws ManifestError naming the file (and line where one applies) for
 * an unreadable script, a duplicate id or branch label, an id longer than
 * `versionColumnWidth`, a reference to no known revision, or a cycle.
 * Returns warnings for graphs Alembic accepts but that look like mistakes.
 */
const buildManifest = (
  files: readonly ScriptFile[],
  options: BuildManifestOptions = {}
): ManifestBuild => {
  const width = checkWidth(
    options.versionColumnWidth ?? DEFAULT_VERSION_COLUMN_WIDTH
  );
  const ordered = [...files].sort((a, b) => compareIds(a.fileName, b.fileName));
  const parsed = ordered.map((file) => ({
    file,
    script: parseMigrationScript(
      file.fileName,
      decodeScriptSource(file.fileName, file.bytes)
    ),
  }));
  const scripts = parsed.map(({ script }) => script);
  const dependsOn = resolveReferences(scripts, width);

  const revisions = parsed.map(
    ({ file, script }): ManifestRevision => ({
      id: script.revision,
      downRevisions: script.downRevisions,
      branchLabels: script.branchLabels,
      dependsOn: dependsOn.get(script.revision) ?? [],
      fileName: file.fileName,
      fileHash: sha256Hex(file.bytes),
    })
  );
  refuseCycles(revisions, new Map(scripts.map((s) => [s.revision, s])));

  const graph = createRevisionGraph(revisions);
  return {
    manifest: {
      formatVersion: MANIFEST_FORMAT_VERSION,
      hashAlgorithm: HASH_ALGORITHM,
      revisions: sortRevisions(revisions),
      digest: manifestDigest(revisions),
    },
    warnings: findManifestWarnings(graph, revisions),
  };
};

export { buildManifest };
