import { ancestorsOf, appliedRevisions } from '../graph/ancestry.js';
import { heads } from '../graph/heads.js';
import type { RevisionGraph } from '../graph/revision-graph.js';
import {
  type ManifestRevision,
  type ManifestWarning,
  ManifestWarningCode,
} from './manifest-format.js';

/**
 * Whether a head sits on a labelled branch: it, or a revision it descends
 * from through down_revision, declares a branch label. Alembic spreads a
 * label to every such descendant.
 */
const isLabelled = (
  graph: RevisionGraph,
  byId: ReadonlyMap<string, ManifestRevision>,
  head: string
): boolean => {
  const line = [
    head,
    ...ancestorsOf(graph, head, { includeDependencies: false }),
  ];
  return line.some((id) => (byId.get(id)?.branchLabels.length ?? 0) > 0);
};

/** A warning per revision whose depends_on repeats an ancestor. */
const redundantDependencies = (
  graph: RevisionGraph,
  revisions: readonly ManifestRevision[]
): ManifestWarning[] =>
  revisions.flatMap((revision) => {
    if (revision.dependsOn.length === 0) {
      return [];
    }
    const before = appliedRevisions(graph, revision.downRevisions);
    const redundant = revision.dependsOn.filter((id) => before.has(id));
    if (redundant.length === 0) {
      return [];
    }

    const merge = revision.downRevisions.length > 1;
    return [
      {
        code: ManifestWarningCode.redundantDependency,
        message:
          `${revision.fileName}: depends_on names ${redundant.join(', ')}, ` +
          `which ${revision.id} already follows through down_revision. ` +
          (merge
            ? 'On a merge revision this makes Alembic 1.8 stop half-way ' +
              'through an upgrade with a KeyError. '
            : '') +
          'Remove it from depends_on.',
        revisions: [revision.id, ...redundant],
      },
    ];
  });

/** A warning when more than one head lacks a branch label. */
const unlabelledHeads = (
  graph: RevisionGraph,
  revisions: readonly ManifestRevision[]
): ManifestWarning[] => {
  const byId = new Map(revisions.map((revision) => [revision.id, revision]));
  const unlabelled = heads(graph).filter(
    (head) => !isLabelled(graph, byId, head)
  );
  if (unlabelled.length < 2) {
    return [];
  }

  return [
    {
      code: ManifestWarningCode.multipleUnlabelledHeads,
      message:
        `${unlabelled.length} heads carry no branch label ` +
        `(${unlabelled.join(', ')}), so \`alembic upgrade head\` fails ` +
        'with "multiple heads". Merge them with `alembic merge heads`, or ' +
        'give each branch a branch label.',
      revisions: unlabelled,
    },
  ];
};

/**
 * Warnings about a graph Alembic accepts but that is probably a mistake:
 * several heads without a branch label, which makes `alembic upgrade head`
 * fail and usually means a merge was forgotten; a depends_on naming a
 * revision already reached through down_revision.
 */
const findManifestWarnings = (
  graph: RevisionGraph,
  revisions: readonly ManifestRevision[]
): ManifestWarning[] => [
  ...unlabelledHeads(graph, revisions),
  ...redundantDependencies(graph, revisions),
];

export { findManifestWarnings };
