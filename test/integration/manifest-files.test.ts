import { createHash } from 'node:crypto';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  ManifestError,
} from '../../lambdas/core/errors.js';
import { expectedRows, heads } from '../../lambdas/core/graph/heads.js';
import {
  createRevisionGraph,
  type RevisionGraph,
} from '../../lambdas/core/graph/revision-graph.js';
import { revisionsToUpgrade } from '../../lambdas/core/graph/upgrade-path.js';
import type { Manifest } from '../../lambdas/core/manifest/manifest-format.js';
import { parseMigrationScript } from '../../lambdas/core/manifest/script-parser.js';
import { readManifest } from '../../lambdas/io/manifest-files.js';
import {
  type AlembicProject,
  createAlembicProject,
  headIds,
  historyEdges,
  pythonFieldValues,
  ranRevisions,
} from '../fixtures/manifest/alembic-project.js';
import {
  type SampleHistory,
  writeSampleHistory,
} from '../fixtures/manifest/sample-history.js';

const SCRIPTS = new URL('../fixtures/manifest/scripts/', import.meta.url);

describe('readManifest on a project written by the real alembic', () => {
  let project: AlembicProject;
  let manifest: Manifest;
  let graph: RevisionGraph;
  let id: SampleHistory;

  beforeAll(async () => {
    project = await createAlembicProject();
    id = await writeSampleHistory(project);
    ({ manifest } = await readManifest(project.versionsDir));
    graph = createRevisionGraph(manifest.revisions);
  }, 120_000);

  afterAll(() => project?.remove());

  it('returns one revision per script alembic wrote, hashed from disk', async () => {
    expect(manifest.revisions).toHaveLength(9);
    const sha256 = (bytes: Buffer) =>
      createHash('sha256').update(bytes).digest('hex');
    for (const { fileName, fileHash } of manifest.revisions) {
      const path = join(project.versionsDir, fileName);
      expect(fileHash).toBe(sha256(await readFile(path)));
    }
  });

  it('returns the heads alembic heads prints', async () => {
    const { stdout } = await project.alembic('heads');

    expect(heads(graph)).toEqual(headIds(stdout));
    expect(heads(graph)).toContain(id.e1);
  });

  it('returns the edges alembic history --verbose prints', async () => {
    const { stdout } = await project.alembic('history', '--verbose');
    const labels = new Map(
      manifest.revisions.flatMap((r) => r.branchLabels.map((l) => [l, r.id]))
    );

    const edges = historyEdges(stdout);
    for (const revision of manifest.revisions) {
      const printed = edges.get(revision.id);
      const dependsOn = printed?.dependsOn.map((d) => labels.get(d) ?? d);
      expect(revision.downRevisions).toEqual(printed?.down);
      expect(revision.dependsOn).toEqual(dependsOn);
    }
    expect(edges.size).toBe(manifest.revisions.length);
  });

  it('returns the rows alembic upgrade heads writes', async () => {
    const resolved = await project.alembic('heads', '--resolve-dependencies');
    await project.alembic('upgrade', 'heads');

    const rows = expectedRows(graph, heads(graph));
    expect(rows).toEqual(headIds(resolved.stdout));
    expect(rows).toEqual(await project.rows());
    expect(rows).not.toContain(id.e1);
  });

  it('returns the revisions alembic runs when upgrading from a rolled-back state', async () => {
    await project.alembic('stamp', '--purge', id.b1);
    const { stderr } = await project.alembic('upgrade', 'heads');

    const ran = ranRevisions(stderr);
    const predicted = revisionsToUpgrade(graph, [id.b1], heads(graph));
    expect(predicted).toContain(id.m1);
    expect([...ran].sort()).toEqual([...predicted].sort());
    expect(await project.rows()).toEqual(
      expectedRows(graph, [id.b1, ...heads(graph)])
    );
    ran.forEach((revision, index) => {
      const r = graph.revisions.get(revision);
      const parents = [...(r?.downRevisions ?? []), ...(r?.dependsOn ?? [])];
      const later = ran.slice(index + 1);
      expect(later.filter((p) => parents.includes(p))).toEqual([]);
    });
  });
});

describe('parseMigrationScript against Python', () => {
  it('returns the values Python binds for every fixture script', async () => {
    const names = (await readdir(SCRIPTS)).filter((n) => n.endsWith('.py'));
    const paths = names.map((name) => new URL(name, SCRIPTS).pathname);

    const python = await pythonFieldValues(paths);

    expect(Object.keys(python)).toHaveLength(paths.length);
    for (const path of paths) {
      const parsed = parseMigrationScript(path, await readFile(path, 'utf8'));
      const { revision = parsed.revision, ...lists } = python[path] ?? {};
      expect(parsed).toMatchObject({ ...lists, revision });
    }
  });
});

describe('readManifest directory rules', () => {
  let dir: string;
  const script = (id: string, down = 'None') =>
    `revision = '${id}'\ndown_revision = ${down}\n`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sentinel-versions-'));
    await mkdir(join(dir, 'nested', '__pycache__'), { recursive: true });
    await writeFile(join(dir, 'a1_base.py'), script('a1'));
    await writeFile(join(dir, '__init__.py'), 'x = 1\n');
    await writeFile(join(dir, '.#a1_base.py'), 'editor lock\n');
    await writeFile(join(dir, 'README.md'), '# notes\n');
    await symlink(join(dir, 'a1_base.py'), join(dir, 'a1_link.py'));
    await writeFile(join(dir, 'nested', 'b2_child.py'), script('b2', "'a1'"));
    await writeFile(join(dir, 'nested', '__pycache__', 'x.py'), 'x = 1\n');
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('returns top-level scripts only, a linked file once, when not recursive', async () => {
    const { manifest } = await readManifest(dir);

    expect(manifest.revisions.map((r) => r.fileName)).toEqual(['a1_base.py']);
  });

  it('returns scripts in subdirectories but not __pycache__ when recursive', async () => {
    const { manifest } = await readManifest(dir, { recursive: true });

    expect(manifest.revisions.map((r) => r.fileName)).toEqual([
      'a1_base.py',
      'nested/b2_child.py',
    ]);
  });

  it('throws missing-field naming the file when a .py file has no revision', async () => {
    await writeFile(join(dir, 'helpers.py'), 'def helper():\n    pass\n');

    const read = readManifest(dir);

    await expect(read).rejects.toThrow(ManifestError);
    await expect(read).rejects.toThrow('helpers.py: no revision assignment');
    await rm(join(dir, 'helpers.py'));
  });

  it('throws unreadable naming the link when a script link is broken', async () => {
    await symlink(join(dir, 'gone.py'), join(dir, 'z9_broken.py'));

    const read = readManifest(dir);

    await expect(read).rejects.toMatchObject({ reason: 'unreadable' });
    await expect(read).rejects.toThrow('z9_broken.py: cannot be read');
    await rm(join(dir, 'z9_broken.py'));
  });

  it('throws ConfigurationError naming the path when the directory is missing', async () => {
    const absent = join(dir, 'absent');

    const read = readManifest(absent);

    await expect(read).rejects.toThrow(ConfigurationError);
    await expect(read).rejects.toThrow(`'${absent}' does not exist`);
  });
});
