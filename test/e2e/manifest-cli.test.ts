import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sentinel } from './run.js';

const VERSIONS = 'test/fixtures/alembic-app/versions';

describe('CLI: manifest', () => {
  it('prints the fixture project as a manifest with hashes, parents first', async () => {
    const ran = await sentinel(['manifest', VERSIONS, '--json']);

    expect(ran.code).toBe(0);
    const { manifest, heads } = JSON.parse(ran.stdout);
    expect(heads).toEqual(['9e7b6a5d4c38']);
    expect(manifest.hashAlgorithm).toBe('sha256');
    const byId = Object.fromEntries(
      manifest.revisions.map((r: { id: string }) => [r.id, r])
    );
    expect(Object.keys(byId).sort()).toEqual([
      '1f0a9c2e7b41',
      '5c3d8e1a0f92',
      '9e7b6a5d4c38',
    ]);
    expect(byId['9e7b6a5d4c38'].downRevisions).toEqual(['5c3d8e1a0f92']);
    expect(byId['1f0a9c2e7b41'].fileHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints heads and size for people', async () => {
    const ran = await sentinel(['manifest', VERSIONS]);

    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('heads:     9e7b6a5d4c38');
    expect(ran.stdout).toMatch(/size: +\d+ of \d+ bytes \(fits\)/);
  });

  it('exits 2 naming file and line for a script it cannot read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sentinel-manifest-'));
    await writeFile(
      join(dir, 'bad.py'),
      "revision = 'abc'\ndown_revision = compute()\n"
    );

    const ran = await sentinel(['manifest', dir]);

    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('bad.py:2');
  });
});
