/**
 * A small application's migrations, applied with the exact statements
 * Alembic issues on PostgreSQL, so the demo runs without Python.
 * The e2e tests run the real Alembic against the same shape.
 */
interface SampleRevision {
  readonly id: string;
  readonly message: string;
  readonly ddl: readonly string[];
}

const CREATE_VERSION_TABLE =
  'CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, ' +
  'CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))';

const SAMPLE_REVISIONS: readonly SampleRevision[] = [
  {
    id: '1f0a9c2e7b41',
    message: 'create users',
    ddl: [
      'CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT NOT NULL, ' +
        'password TEXT NOT NULL)',
    ],
  },
  {
    id: '5c3d8e1a0f92',
    message: 'security fix: store password hashes, drop plain text',
    ddl: [
      'ALTER TABLE users ADD COLUMN password_hash TEXT',
      'ALTER TABLE users DROP COLUMN password',
    ],
  },
  {
    id: '9e7b6a5d4c38',
    message: 'create orders',
    ddl: [
      'CREATE TABLE orders (id SERIAL PRIMARY KEY, ' +
        'user_id INTEGER NOT NULL REFERENCES users (id))',
    ],
  },
];

/** The statements `alembic upgrade head` runs from an empty database. */
const upgradeStatements = (): string[] => {
  const statements = [CREATE_VERSION_TABLE];
  let previous: string | undefined;
  for (const revision of SAMPLE_REVISIONS) {
    statements.push(...revision.ddl);
    statements.push(
      previous === undefined
        ? `INSERT INTO alembic_version (version_num) VALUES ('${revision.id}')`
        : `UPDATE alembic_version SET version_num='${revision.id}' ` +
            `WHERE alembic_version.version_num = '${previous}'`
    );
    previous = revision.id;
  }
  return statements;
};

/** The sample app's migration scripts, as Alembic would generate them. */
const sampleScripts = (): { fileName: string; bytes: Uint8Array }[] =>
  SAMPLE_REVISIONS.map((revision, index) => {
    const down = SAMPLE_REVISIONS[index - 1]?.id;
    const text = [
      `# ${revision.message}`,
      `revision = '${revision.id}'`,
      `down_revision = ${down === undefined ? 'None' : `'${down}'`}`,
      'branch_labels = None',
      'depends_on = None',
      '',
    ].join('\n');
    return {
      fileName: `${revision.id}.py`,
      bytes: new TextEncoder().encode(text),
    };
  });

export { SAMPLE_REVISIONS, sampleScripts, upgradeStatements };
