import { ManifestError } from '../errors.js';
import type { PythonLiteral } from './python-literal.js';
import { splitStatements } from './python-statements.js';
import {
  type FieldAssignment,
  findFieldAssignments,
} from './script-assignments.js';
import type { ScriptField } from './script-bindings.js';

/** What one migration script declares, read without running it. */
interface ParsedScript {
  readonly fileName: string;
  readonly revision: string;
  /** Empty for a base revision; several for a merge. */
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  /** As written: revision ids or branch labels. */
  readonly dependsOn: readonly string[];
  /** Line of each field's assignment, for messages; absent when implied. */
  readonly lines: Readonly<Partial<Record<ScriptField, number>>>;
}

/** Alembic 0.1 scripts named `<hex id>.py` could omit `revision`. */
const LEGACY_FILE_NAME = /^([a-f0-9]+)\.py$/;
/** Characters Alembic refuses in a revision id. */
const ILLEGAL_ID_CHARACTERS = /[@+-]/;

/**
 * Reads `revision`, `down_revision`, `branch_labels` and `depends_on` from
 * the text of a migration script without running it, with the meaning
 * Alembic gives them: a string or a tuple, list or set of strings, None or
 * an empty string for "none". The code wins over the docstring header.
 * Throws ManifestError naming the file and line for anything it cannot
 * read, a missing `revision` or `down_revision`, or an unusable id.
 */
const parseMigrationScript = (fileName: string, text: string): ParsedScript => {
  const statements = splitStatements(fileName, text);
  const found = findFieldAssignments(fileName, statements);

  const fail = (
    reason: 'missing-field' | 'invalid-id' | 'duplicate',
    message: string,
    line?: number
  ): never => {
    const where = line === undefined ? fileName : `${fileName}:${line}`;
    throw new ManifestError(reason, `${where}: ${message}`, {
      fileName,
      ...(line === undefined ? {} : { line }),
    });
  };

  const listOf = (field: ScriptField, assignment?: FieldAssignment) => {
    const literal: PythonLiteral = assignment?.literal ?? { kind: 'none' };
    const items =
      literal.kind === 'none'
        ? []
        : literal.kind === 'string'
          ? [literal.value]
          : literal.items;
    const emptyBase =
      field === 'down_revision' &&
      literal.kind === 'string' &&
      literal.value === '';
    const values = emptyBase ? [] : items;

    for (const [index, value] of values.entries()) {
      if (value === '') {
        fail('invalid-id', `${field} holds an empty string.`, assignment?.line);
      }
      if (values.indexOf(value) !== index) {
        fail('duplicate', `${field} names '${value}' twice.`, assignment?.line);
      }
    }
    return values;
  };

  const revision = readRevision(fileName, found.get('revision'), fail);
  const downRevision = found.get('down_revision');
  if (downRevision === undefined) {
    fail(
      'missing-field',
      'no down_revision assignment; Alembic fails to load such a script. ' +
        "Add down_revision = None for a base revision, or the parent's id."
    );
  }

  const lines: Partial<Record<ScriptField, number>> = {};
  for (const [field, assignment] of found) {
    lines[field] = assignment.line;
  }
  return {
    fileName,
    revision,
    downRevisions: listOf('down_revision', downRevision),
    branchLabels: listOf('branch_labels', found.get('branch_labels')),
    dependsOn: listOf('depends_on', found.get('depends_on')),
    lines,
  };
};

/** The revision id, from its assignment or an Alembic 0.1 file name. */
const readRevision = (
  fileName: string,
  assignment: FieldAssignment | undefined,
  fail: (
    reason: 'missing-field' | 'invalid-id',
    message: string,
    line?: number
  ) => never
): string => {
  if (assignment === undefined) {
    const baseName = fileName.slice(fileName.lastIndexOf('/') + 1);
    const legacy = LEGACY_FILE_NAME.exec(baseName)?.[1];
    return (
      legacy ??
      fail(
        'missing-field',
        'no revision assignment. Alembic loads every .py file in the ' +
          "versions directory and needs revision = '<id>' in each; add it, " +
          'or move the file out of the versions directory.'
      )
    );
  }

  const { literal, line } = assignment;
  if (literal.kind !== 'string' || literal.value === '') {
    return fail(
      'invalid-id',
      'revision must be a single non-empty string literal.',
      line
    );
  }
  const illegal = ILLEGAL_ID_CHARACTERS.exec(literal.value)?.[0];
  if (illegal !== undefined) {
    fail(
      'invalid-id',
      `revision '${literal.value}' contains '${illegal}', which Alembic ` +
        "refuses in revision ids ('@', '-', '+'). Choose another id.",
      line
    );
  }
  return literal.value;
};

export type { ParsedScript };
export { parseMigrationScript };
