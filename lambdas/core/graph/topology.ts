/** The edges of one revision: what it revises and what it depends on. */
interface GraphRevision {
  readonly id: string;
  /** `down_revision`: empty for a base, several for a merge. */
  readonly downRevisions: readonly string[];
  /** `depends_on`, resolved to revision ids. */
  readonly dependsOn: readonly string[];
}

/** A depth-first walk: a topological order, or the cycle that stops one. */
type Topology =
  | { readonly kind: 'ordered'; readonly order: readonly string[] }
  | { readonly kind: 'cycle'; readonly cycle: readonly string[] };

interface Frame {
  readonly id: string;
  readonly parents: readonly string[];
  next: number;
}

/**
 * Ids in UTF-16 code-unit order (JavaScript `<`), not locale order, so the
 * order is the same everywhere. Equals code-point order for BMP text.
 */
const compareIds = (left: string, right: string): number =>
  left < right ? -1 : left > right ? 1 : 0;

/** Parents of a revision through down_revision and depends_on, sorted. */
const allParents = (revision: GraphRevision): string[] =>
  [...new Set([...revision.downRevisions, ...revision.dependsOn])].sort(
    compareIds
  );

/**
 * Orders revisions so that every revision comes after everything it
 * revises or depends on, or returns a cycle: ids where
 * each names the next as down_revision or depends_on, and the last names
 * the first. The order is deterministic: depth first, starting from each
 * id in code-unit order and from each revision's parents in that order.
 * Ids of unknown parents are skipped; the walk is iterative, so long
 * histories cannot overflow the stack.
 */
const walkTopology = (revisions: readonly GraphRevision[]): Topology => {
  const byId = new Map(revisions.map((revision) => [revision.id, revision]));
  const state = new Map<string, 'open' | 'done'>();
  const order: string[] = [];

  const frameOf = (id: string): Frame => {
    const revision = byId.get(id);
    const parents = revision === undefined ? [] : allParents(revision);
    return { id, parents: parents.filter((p) => byId.has(p)), next: 0 };
  };

  for (const root of [...byId.keys()].sort(compareIds)) {
    if (state.has(root)) {
      continue;
    }
    const stack: Frame[] = [frameOf(root)];
    state.set(root, 'open');

    for (let frame = stack.at(-1); frame !== undefined; frame = stack.at(-1)) {
      const parent = frame.parents[frame.next];
      if (parent === undefined) {
        state.set(frame.id, 'done');
        order.push(frame.id);
        stack.pop();
        continue;
      }

      frame.next += 1;
      const seen = state.get(parent);
      if (seen === 'open') {
        const start = stack.findIndex((open) => open.id === parent);
        return { kind: 'cycle', cycle: stack.slice(start).map((f) => f.id) };
      }
      if (seen === undefined) {
        state.set(parent, 'open');
        stack.push(frameOf(parent));
      }
    }
  }
  return { kind: 'ordered', order };
};

export type { GraphRevision, Topology };
export { allParents, compareIds, walkTopology };
