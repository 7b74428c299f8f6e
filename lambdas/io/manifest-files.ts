import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError, ManifestError } from '../core/errors.js';
import { buildManifest } from '../core/manifest/build-manifest.js';
import type {
  BuildManifestOptions,
  ManifestBuild,
  ScriptFile,
} from '../core/manifest/manifest-format.js';

/** How to read a versions directory. */
interface ReadManifestOptions extends BuildManifestOptions {
  /**
   * Also read scripts in subdirectories (skipping `__pycache__`), as
   * Alembic 1.10+ does with `recursive_version_locations = true`.
   * @default false
   */
  readonly recursive?: boolean;
}

/** The names Alembic loads: `*.py`, but not `__init__*` or `.#*` locks. */
const SCRIPT_NAME = /^(?!\.#|__init__).*\.py$/;

/** Relative `/`-separated paths of the scripts under `root/relative`. */
const listScripts = async (
  root: string,
  relative: string,
  recursive: boolean
): Promise<string[]> => {
  const entries = await readdir(join(root, relative), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const found: string[] = [];
  for (const entry of entries) {
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      if (recursive && entry.name !== '__pycache__') {
        found.push(...(await listScripts(root, path, recursive)));
      }
      continue;
    }

    if (!SCRIPT_NAME.test(entry.name)) {
      continue;
    }
    // A link that resolves to nothing is kept, so reading it fails with
    // the file named; a link to a directory is not followed, as in Alembic.
    const isFile =
      entry.isFile() ||
      (entry.isSymbolicLink() &&
        (await stat(join(root, path)).then(
          (target) => target.isFile(),
          () => true
        )));
    if (isFile) {
      found.push(path);
    }
  }
  return found;
};

/** Reads one script; a file seen twice through links is read once. */
const readScripts = async (
  root: string,
  paths: readonly string[]
): Promise<ScriptFile[]> => {
  const seen = new Set<string>();
  const files: ScriptFile[] = [];
  for (const fileName of paths) {
    try {
      const real = await realpath(join(root, fileName));
      if (!seen.has(real)) {
        seen.add(real);
        files.push({ fileName, bytes: await readFile(real) });
      }
    } catch (cause) {
      throw new ManifestError(
        'unreadable',
        `${fileName}: cannot be read from ${root}`,
        { fileName },
        { cause }
      );
    }
  }
  return files;
};

/**
 * Reads every migration script Alembic would load from a versions
 * directory and builds the manifest. Like Alembic, every `*.py` file
 * counts except `__init__*.py` and `.#*` editor locks, and one without a
 * `revision` assignment is an error, not skipped. File names in the
 * manifest are relative to `versionsDir`. Throws ConfigurationError when
 * the directory does not exist, ManifestError as buildManifest does.
 */
const readManifest = async (
  versionsDir: string,
  options: ReadManifestOptions = {}
): Promise<ManifestBuild> => {
  const isDirectory = await stat(versionsDir).then(
    (s) => s.isDirectory(),
    () => false
  );
  if (!isDirectory) {
    throw new ConfigurationError(
      `versions directory '${versionsDir}' does not exist or is not a ` +
        'directory. Pass the directory holding the migration scripts (the ' +
        "'versions' folder under Alembic's script_location)."
    );
  }

  const paths = await listScripts(versionsDir, '', options.recursive ?? false);
  const files = await readScripts(versionsDir, paths);
  return buildManifest(files, options);
};

export type { ReadManifestOptions };
export { readManifest };
