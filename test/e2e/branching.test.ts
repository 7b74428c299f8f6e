import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  freshDatabase,
  superuserClient,
  uniqueName,
} from '../support/servers.js';
import { alembic, type Ran, REPO_ROOT, sentinel } from './run.js';

// test/fixtures/alembic-branching:
//   base - B1 - B2 - B3 ------------ MERGE - TOKEN_FIX    billing
//        \ C1 - C2 (depends on B2) /                      audit
//        \ REPORTS                                        reports
const BASE = '3e1f5a7c9b20';
const B1 = 'a41c7e9d2f63';
const B2 = 'a58d2b6e0c17';
const B3 = 'a6f3c8d1e945';
const C1 = 'c27b9e4a1d08';
const C2 = 'c39e0f5b7a42';
const MERGE = 'e8d4a2c6b091';
const TOKEN_FIX = 'f1b7c3e5a928';
const REPORTS = 'd05a6c8e2b34';

const PROJECT = 'test/fixtures/alembic-branching';
const READER_PASSWORD = 'e2e-Branch-Reader-Pa55';

interface Finding {
  readonly code: string;
  readonly summary: string;
}
interface Verified {
  readonly ran: Ran;
  readonly status: string;
  readonly rows: readonly string[];
  readonly findings: readonly Finding[];
}

let database: string;
let sqlalchemyUrl: string;
let env: Record<string, string>;
let common: string[];

/** Alembic on the branching project: a later -c wins over run.ts's. */
const migrate = (...args: string[]) =>
  alembic(sqlalchemyUrl, '-c', `${REPO_ROOT}${PROJECT}/alembic.ini`, ...args);

const expectExit = (ran: Ran, code: number) => {
  expect(ran, `stdout: ${ran.stdout}\nstderr: ${ran.stderr}`).toMatchObject({
    code,
  });
};

const record = (deployId: string, heads: string[], extra: string[] = []) =>
  sentinel(
    [
      'record',
      ...extra,
      ...common,
      '--heads',
      heads.join(','),
      '--deploy-id',
      deployId,
      '--versions-dir',
      `${PROJECT}/versions`,
    ],
    env
  );

const verify = async (): Promise<Verified> => {
  const ran = await sentinel(['verify', ...common, '--json'], env);
  const { verdict } = JSON.parse(ran.stdout || '{"verdict":{}}');
  return {
    ran,
    status: verdict.status,
    rows: verdict.observedRows ?? [],
    findings: verdict.findings ?? [],
  };
};

const finding = (verified: Verified, code: string): Finding => {
  const found = verified.findings.find((f) => f.code === code);
  expect(found, JSON.stringify(verified.findings)).toBeDefined();
  return found as Finding;
};

/**
 * Waits until no other session is connected to the database. A session
 * reports its write counts as it exits, so a record taken afterwards
 * attests counters that include them (docs/evidence.md, limits).
 */
const sessionsGone = async () => {
  const admin = await superuserClient();
  try {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const { rows } = await admin.query(
        'select count(*)::int as sessions from pg_stat_activity ' +
          'where datname = $1',
        [database]
      );
      if (rows[0]?.sessions === 0) return;
      await sleep(50);
    }
    throw new Error(`sessions on ${database} did not end`);
  } finally {
    await admin.end();
  }
};

/**
 * Runs SQL as the superuser, as an attacker with direct access would, in
 * a session that ends before the next step.
 */
const asSuperuser = async (...statements: string[]) => {
  const attacker = await superuserClient(database);
  try {
    for (const statement of statements) await attacker.query(statement);
  } finally {
    await attacker.end();
  }
};

/** Records the heads B3, C2 as a deploy and expects a check to pass. */
const recordAndVerify = async (deployId: string) => {
  await sessionsGone();
  expectExit(await record(deployId, [B3, C2]), 0);
  const verified = await verify();
  expectExit(verified.ran, 0);
  expect(verified.status).toBe('OK');
};

beforeAll(async () => {
  const db = await freshDatabase('e2e_branching');
  database = db.database;
  const port = inject('pgPort');
  const password = encodeURIComponent(inject('pgSuperuserPassword'));
  const server = `postgres:${password}@127.0.0.1:${port}`;
  sqlalchemyUrl = `postgresql+psycopg2://${server}/${database}`;

  await asSuperuser(
    `create role ${database}_reader login password '${READER_PASSWORD}'`
  );
  env = {
    SENTINEL_DATABASE_URL:
      `postgresql://${database}_reader:${READER_PASSWORD}@127.0.0.1:` +
      `${port}/${database}`,
  };
  common = [
    '--target',
    'ledger',
    '--tls',
    'disable',
    '--table',
    uniqueName('e2e_branching'),
    '--dynamodb-endpoint',
    inject('dynamoEndpoint'),
    '--create-table',
  ];
}, 120_000);

describe('CLI with real Alembic on a project with branches, depends_on and a merge', () => {
  it('records a deploy of the first revision of each branch and verifies OK', async () => {
    await migrate('upgrade', B1);
    await migrate('upgrade', C1);
    await asSuperuser(`grant select on alembic_version to ${database}_reader`);
    await sessionsGone();

    expectExit(await record('deploy-1', [B1, C1]), 0);
    const verified = await verify();

    expectExit(verified.ran, 0);
    expect(verified.rows).toEqual([B1, C1]);
  });

  it('refuses a deploy window of 0 minutes, naming the flag', async () => {
    const ran = await sentinel(
      [
        'record',
        'begin',
        ...common,
        '--heads',
        `${B3},${C2}`,
        '--deploy-id',
        'deploy-0',
        '--expires-in-minutes',
        '0',
      ],
      env
    );

    expectExit(ran, 2);
    expect(ran.stderr).toContain('--expires-in-minutes');
  });

  it('stays quiet at every step of a deploy inside its window, then records it', async () => {
    const begun = await record('deploy-2', [B3, C2], ['begin']);
    expectExit(begun, 0);
    expect(begun.stdout).toContain(`from:    ${B1}, ${C1}`);

    // billing@+1, then audit@+1 pulls nothing new (B2 is applied) and
    // folds B2's row into C2's, which depends on it; then billing to B3.
    const steps: [string, string[]][] = [
      ['billing@+1', [B2, C1]],
      ['audit@+1', [C2]],
      [B3, [B3, C2]],
    ];
    for (const [step, rows] of steps) {
      await migrate('upgrade', step);
      const verified = await verify();

      expectExit(verified.ran, 0);
      expect(verified.rows).toEqual(rows);
    }

    await recordAndVerify('deploy-2');
  });

  it('returns PARTIAL_HEADS naming what re-runs after alembic downgrade billing@-1', async () => {
    await migrate('downgrade', 'billing@-1');

    const verified = await verify();

    expectExit(verified.ran, 1);
    // B2 is still applied through C2's depends_on, so B3's row is gone
    expect(verified.rows).toEqual([C2]);
    expect(finding(verified, 'PARTIAL_HEADS').summary).toBe(
      `no row for recorded head ${B3}; other heads in place; ` +
        `the next upgrade re-runs ${B3}`
    );

    await migrate('upgrade', B3);
    await recordAndVerify('deploy-3');
  });

  it('returns ROLLED_BACK alone when both branches are stamped below the recorded heads', async () => {
    await migrate('stamp', '--purge', B2, C1);

    const verified = await verify();

    expectExit(verified.ran, 1);
    expect(verified.findings.map((f) => f.code)).toEqual(['ROLLED_BACK']);
    expect(finding(verified, 'ROLLED_BACK').summary).toContain(
      `the next upgrade re-runs ${B3}, ${C2}`
    );

    await migrate('stamp', '--purge', B3, C2);
    await recordAndVerify('deploy-4');
  });

  it('returns SIDEWAYS when audit is stamped onto the reports branch', async () => {
    await migrate('stamp', '--purge', B3, REPORTS);

    const verified = await verify();

    expectExit(verified.ran, 1);
    expect(finding(verified, 'SIDEWAYS').summary).toBe(
      `${REPORTS} on another branch than the recorded ${B3}, ${C2}`
    );

    await migrate('stamp', '--purge', B3, C2);
    await recordAndVerify('deploy-5');
  });

  it('returns SKIPPED_FORWARD naming the security fix stamped past the merge', async () => {
    await migrate('stamp', TOKEN_FIX);

    const verified = await verify();

    expectExit(verified.ran, 1);
    const skipped = verified.findings.filter(
      (f) => f.code === 'SKIPPED_FORWARD'
    );
    expect(skipped.map((f) => f.summary)).toEqual([
      `moved forward to ${TOKEN_FIX}, 2 revisions past the recorded ${B3}; ` +
        `never recorded: ${MERGE}, ${TOKEN_FIX}`,
      `moved forward to ${TOKEN_FIX}, 2 revisions past the recorded ${C2}; ` +
        `never recorded: ${MERGE}, ${TOKEN_FIX}`,
    ]);

    await migrate('stamp', '--purge', B3, C2);
    await recordAndVerify('deploy-6');
  });

  it('returns UNKNOWN_REVISION with the look-alike for an id in upper case', async () => {
    await asSuperuser(
      `update alembic_version set version_num = upper(version_num) ` +
        `where version_num = '${C2}'`
    );

    const verified = await verify();

    expectExit(verified.ran, 1);
    expect(finding(verified, 'UNKNOWN_REVISION').summary).toBe(
      `row ${C2.toUpperCase()} is no revision of the recorded manifest; ` +
        `it looks like ${C2} with other case or spaces`
    );

    await asSuperuser(
      `update alembic_version set version_num = lower(version_num) ` +
        `where version_num = '${C2.toUpperCase()}'`
    );
    await recordAndVerify('deploy-7');
  });

  it('returns DUPLICATE_ROWS, then EXTRA_ROWS, once the primary key is dropped', async () => {
    await asSuperuser(
      'alter table alembic_version drop constraint alembic_version_pkc',
      `insert into alembic_version values ('${B3}')`
    );

    const duplicated = await verify();

    expectExit(duplicated.ran, 1);
    expect(finding(duplicated, 'DUPLICATE_ROWS').summary).toBe(
      `row ${B3} appears 2 times`
    );

    await asSuperuser(
      `delete from alembic_version where version_num = '${B3}'`,
      `insert into alembic_version values ('${B3}'), ('${B1}')`
    );

    const extra = await verify();

    expectExit(extra.ran, 1);
    expect(finding(extra, 'EXTRA_ROWS').summary).toBe(
      `extra 1 row ${B1} beside the recorded heads`
    );

    await asSuperuser(
      `delete from alembic_version where version_num = '${B1}'`,
      'alter table alembic_version add constraint alembic_version_pkc ' +
        'primary key (version_num)'
    );
    await recordAndVerify('deploy-8');
  });

  it('alerts inside an open window when the table leaves the path', async () => {
    expectExit(await record('deploy-9', [MERGE], ['begin']), 0);
    await migrate('stamp', '--purge', BASE);

    const verified = await verify();

    expectExit(verified.ran, 1);
    expect(finding(verified, 'ROLLED_BACK').summary).toContain(
      `the next upgrade re-runs ${B1}, ${B2}, ${B3}, ${C1}, ${C2}`
    );

    await migrate('stamp', '--purge', B3, C2);
    await recordAndVerify('deploy-10');
  });
});
