import type { ScriptFile } from '../../../lambdas/core/manifest/manifest-format.js';

/** Fields of a generated migration script; lists render as tuples. */
interface ScriptSpec {
  readonly fileName?: string;
  readonly down?: readonly string[];
  readonly labels?: readonly string[];
  readonly dependsOn?: readonly string[];
}

/** Renders ids the way `alembic revision` writes them. */
const pythonValue = (ids: readonly string[] = []): string => {
  if (ids.length === 0) {
    return 'None';
  }
  const quoted = ids.map((id) => `'${id}'`);
  return ids.length === 1 ? (quoted[0] ?? '') : `(${quoted.join(', ')})`;
};

/**
 * A migration script as Alembic's default template writes it. Fields sit
 * on lines 5 to 8 (revision, down_revision, branch_labels, depends_on).
 */
const scriptText = (revision: string, spec: ScriptSpec = {}): string =>
  [
    '"""generated for a test',
    '',
    `Revision ID: ${revision}`,
    '"""',
    `revision = '${revision}'`,
    `down_revision = ${pythonValue(spec.down)}`,
    `branch_labels = ${pythonValue(spec.labels)}`,
    `depends_on = ${pythonValue(spec.dependsOn)}`,
    '',
    '',
    'def upgrade():',
    '    pass',
    '',
  ].join('\n');

/** A script file named `<revision>_test.py` unless a name is given. */
const scriptFile = (revision: string, spec: ScriptSpec = {}): ScriptFile => ({
  fileName: spec.fileName ?? `${revision}_test.py`,
  bytes: new TextEncoder().encode(scriptText(revision, spec)),
});

export type { ScriptSpec };
export { scriptFile, scriptText };
