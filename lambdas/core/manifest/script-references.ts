import { ManifestError } from '../errors.js';
import type { ScriptField } from './script-bindings.js';
import type { ParsedScript } from './script-parser.js';

/** `file:line` of a field's assignment, or the file alone. */
const locate = (script: ParsedScript, field: ScriptField): string => {
  const line = script.lines[field];
  return line === undefined ? script.fileName : `${script.fileName}:${line}`;
};

/** Throws ManifestError located at a field of a script. */
const failAt = (
  reason: 'invalid-id' | 'duplicate' | 'unknown-reference',
  script: ParsedScript,
  field: ScriptField,
  message: string
): never => {
  const line = script.lines[field];
  throw new ManifestError(reason, `${locate(script, field)}: ${message}`, {
    fileName: script.fileName,
    ...(line === undefined ? {} : { line }),
  });
};

/** Indexes scripts by id; refuses duplicates and ids too long to store. */
const indexById = (
  scripts: readonly ParsedScript[],
  versionColumnWidth: number
): Map<string, ParsedScript> => {
  const byId = new Map<string, ParsedScript>();
  for (const script of scripts) {
    const { revision } = script;
    const length = [...revision].length;
    if (length > versionColumnWidth) {
      failAt(
        'invalid-id',
        script,
        'revision',
        `revision '${revision}' is ${length} characters; the version ` +
          `column holds ${versionColumnWidth} (versionColumnWidth), so ` +
          'Alembic could not store it. Use a shorter id, or set ' +
          'versionColumnWidth to the width of alembic_version.version_num.'
      );
    }

    const first = byId.get(revision);
    if (first !== undefined) {
      failAt(
        'duplicate',
        script,
        'revision',
        `revision '${revision}' is also declared by ` +
          `${locate(first, 'revision')}. Give one of them a new id.`
      );
    }
    byId.set(revision, script);
  }
  return byId;
};

/** Maps each branch label to the script declaring it, refusing clashes. */
const indexLabels = (
  byId: ReadonlyMap<string, ParsedScript>
): Map<string, ParsedScript> => {
  const byLabel = new Map<string, ParsedScript>();
  for (const script of byId.values()) {
    for (const label of script.branchLabels) {
      const owner = byLabel.get(label) ?? byId.get(label);
      if (owner !== undefined) {
        failAt(
          'duplicate',
          script,
          'branch_labels',
          `branch label '${label}' is already used by revision ` +
            `'${owner.revision}' (${owner.fileName}). Choose another label.`
        );
      }
      byLabel.set(label, script);
    }
  }
  return byLabel;
};

/**
 * Checks the references between scripts and resolves them to revision ids:
 * ids unique and no longer than the version column, branch labels unique,
 * every down_revision an existing id, every depends_on an existing id or
 * branch label. Throws ManifestError naming the file and line. Returns
 * each revision's depends_on as ids; cycles are checked by the caller.
 */
const resolveReferences = (
  scripts: readonly ParsedScript[],
  versionColumnWidth: number
): Map<string, readonly string[]> => {
  const byId = indexById(scripts, versionColumnWidth);
  const byLabel = indexLabels(byId);
  const resolved = new Map<string, readonly string[]>();

  for (const script of scripts) {
    for (const parent of script.downRevisions) {
      if (!byId.has(parent)) {
        const hint = byLabel.has(parent)
          ? 'That is a branch label; down_revision needs a revision id.'
          : 'Fix the id, or restore the script that declares it.';
        failAt(
          'unknown-reference',
          script,
          'down_revision',
          `down_revision names '${parent}', which no script declares as ` +
            `its revision. ${hint}`
        );
      }
    }

    const dependsOn = script.dependsOn.map(
      (name) =>
        (byId.get(name) ?? byLabel.get(name))?.revision ??
        failAt(
          'unknown-reference',
          script,
          'depends_on',
          `depends_on names '${name}', which is neither a revision id nor ` +
            'a branch label of any script. Fix the name, or restore the ' +
            'script that declares it.'
        )
    );
    resolved.set(script.revision, [...new Set(dependsOn)]);
  }
  return resolved;
};

export { resolveReferences };
