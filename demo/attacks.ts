import { SAMPLE_REVISIONS } from './sample-app.js';

/** One attacker move from the threat analysis, as SQL. */
interface Attack {
  readonly scenario: string;
  readonly story: string;
  readonly sql: readonly string[];
}

const [first, securityFix, head] = SAMPLE_REVISIONS.map((r) => r.id) as [
  string,
  string,
  string,
];

/** Puts the table back to the attested head between attacks. */
const RESTORE = [
  'CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) ' +
    'NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))',
  'DELETE FROM alembic_version',
  `INSERT INTO alembic_version (version_num) VALUES ('${head}')`,
  'GRANT SELECT ON alembic_version TO sentinel_reader',
];

const ATTACKS: readonly Attack[] = [
  {
    scenario: 'Scenario 1: roll back below a security fix',
    story:
      `The attacker sets the version to ${first}, before the password ` +
      `hashing fix ${securityFix}; the next upgrade re-runs it.`,
    sql: [`UPDATE alembic_version SET version_num = '${first}'`],
  },
  {
    scenario: 'Scenario 2: mark a migration applied that never ran',
    story:
      'The attacker stamps a revision no deploy ever shipped, so ' +
      'Alembic believes a fix is in place.',
    sql: ["UPDATE alembic_version SET version_num = 'b7e4f1c2d9a0'"],
  },
  {
    scenario: 'Scenario 5: garbage that blocks every deploy',
    story: 'The attacker writes a value no revision can have.',
    sql: ["UPDATE alembic_version SET version_num = 'x'' OR 1=1 --'"],
  },
  {
    scenario: 'Rewind everything: empty the table',
    story: 'With no rows, the next upgrade runs every migration again.',
    sql: ['DELETE FROM alembic_version'],
  },
  {
    scenario: 'Hide the state: drop the table',
    story: 'The attacker drops alembic_version altogether.',
    sql: ['DROP TABLE alembic_version'],
  },
  {
    scenario: 'Flip and restore between two checks',
    story:
      'The attacker rolls back, lets a job re-run a migration, and puts ' +
      'the value back before the next check. The value looks right.',
    sql: [
      `UPDATE alembic_version SET version_num = '${first}'`,
      `UPDATE alembic_version SET version_num = '${head}'`,
    ],
  },
];

export type { Attack };
export { ATTACKS, RESTORE };
