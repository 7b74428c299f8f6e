import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError, HarnessFailure } from './harness-error.js';

const DEBIAN_ROOT = '/usr/lib/postgresql';
const SERVER_TOOLS = ['initdb', 'pg_ctl', 'postgres'] as const;

/**
 * Finds the folder of the PostgreSQL server binaries: `explicit`, else the
 * PG_BIN environment variable, else the newest Debian
 * /usr/lib/postgresql/N/bin, else `pg_config --bindir`.
 * Throws HarnessError POSTGRES_NOT_FOUND naming the package to install.
 */
function findPostgresBinDir(explicit?: string): string {
  const chosen = explicit ?? process.env.PG_BIN;
  if (chosen !== undefined && chosen !== '') {
    if (hasServer(chosen)) return chosen;
    throw notFound(`${chosen} (the binDir option or PG_BIN)`);
  }

  const found = [...debianBinDirs(), pgConfigBinDir()].find(hasServer);
  if (found === undefined) throw notFound(`${DEBIAN_ROOT}/*/bin or pg_config`);
  return found;
}

/**
 * The major version of the server in `binDir`, read from
 * `postgres --version` (for example 15 for "postgres (PostgreSQL) 15.18").
 */
function postgresMajorVersion(binDir: string): number {
  const postgres = join(binDir, 'postgres');
  const output = execFileSync(postgres, ['--version'], { encoding: 'utf8' });
  const major = /\(PostgreSQL\) (\d+)/.exec(output)?.[1];
  if (major === undefined) {
    throw new Error(`Cannot read a version from ${postgres}: ${output}`);
  }
  return Number(major);
}

function hasServer(dir: string | undefined): dir is string {
  if (dir === undefined) return false;
  return SERVER_TOOLS.every((tool) => existsSync(join(dir, tool)));
}

function debianBinDirs(): string[] {
  if (!existsSync(DEBIAN_ROOT)) return [];
  return readdirSync(DEBIAN_ROOT)
    .filter((major) => /^\d+$/.test(major))
    .sort((a, b) => Number(b) - Number(a))
    .map((major) => join(DEBIAN_ROOT, major, 'bin'));
}

function pgConfigBinDir(): string | undefined {
  try {
    const options = { encoding: 'utf8', stdio: 'pipe' } as const;
    return execFileSync('pg_config', ['--bindir'], options).trim();
  } catch {
    return undefined;
  }
}

function notFound(where: string): HarnessError {
  return new HarnessError(
    HarnessFailure.postgresNotFound,
    `No PostgreSQL server binaries (${SERVER_TOOLS.join(', ')}) in ` +
      `${where}. Install them with \`apt-get install -y postgresql\`, or ` +
      'set PG_BIN to the folder that holds them.'
  );
}

export { findPostgresBinDir, postgresMajorVersion };
