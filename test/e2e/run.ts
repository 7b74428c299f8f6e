import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Where the repository's files are, for spawning the CLI and Alembic. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ALEMBIC_INI = `${REPO_ROOT}test/fixtures/alembic-app/alembic.ini`;
const ALEMBIC = process.env.SENTINEL_TEST_ALEMBIC ?? '/usr/bin/alembic';

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const spawnCollect = (
  file: string,
  args: readonly string[],
  env: Record<string, string>
): Promise<Ran> =>
  new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code =
          error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      }
    );
  });

/** Runs the real Alembic against `sqlalchemyUrl`; throws when it fails. */
const alembic = async (
  sqlalchemyUrl: string,
  ...args: string[]
): Promise<string> => {
  const ran = await spawnCollect(ALEMBIC, ['-c', ALEMBIC_INI, ...args], {
    SENTINEL_TEST_ALEMBIC_URL: sqlalchemyUrl,
  });
  if (ran.code !== 0) {
    throw new Error(`alembic ${args.join(' ')} failed: ${ran.stderr}`);
  }
  return ran.stdout;
};

/** Runs `alembic-sentinel` the way a pipeline would, through its bin. */
const sentinel = (
  args: readonly string[],
  env: Record<string, string> = {}
): Promise<Ran> =>
  spawnCollect(
    process.execPath,
    ['--import', 'tsx', 'bin/alembic-sentinel.ts', ...args],
    {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    }
  );

export type { Ran };
export { alembic, REPO_ROOT, sentinel };
