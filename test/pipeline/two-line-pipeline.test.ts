import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alembic, type Ran, sentinel } from '../e2e/run.js';
import {
  RECORDER_FUNCTION,
  useDeployedStack,
  VERIFIER_FUNCTION,
} from './deployed-stack.js';
import { startLoopbackLambda } from './loopback-lambda.js';

const VERSIONS_DIR = fileURLToPath(
  new URL('../fixtures/alembic-app/versions', import.meta.url)
);
const FIRST = '1f0a9c2e7b41';
const HEAD = '9e7b6a5d4c38';

const stack = useDeployedStack();
let loopback: Awaited<ReturnType<typeof startLoopbackLambda>>;
let pipelineEnv: Record<string, string>;

const expectExit = (ran: Ran, code: number) => {
  expect(ran, `stdout: ${ran.stdout}\nstderr: ${ran.stderr}`).toMatchObject({
    code,
  });
};

beforeAll(async () => {
  loopback = await startLoopbackLambda(stack.functions());
  // What the pipeline exports once, from describe-stacks outputs.
  pipelineEnv = {
    AWS_ENDPOINT_URL_LAMBDA: loopback.endpoint,
    SENTINEL_RECORDER_FUNCTION: RECORDER_FUNCTION,
    SENTINEL_VERIFIER_FUNCTION: VERIFIER_FUNCTION,
  };
});

afterAll(async () => {
  await loopback?.stop();
});

describe('Pipeline: the CLI as its own process (Lambda Invoke on a loopback HTTP endpoint)', () => {
  it('records after alembic upgrade head with the two documented lines, then verifies', async () => {
    const target = await stack.addTarget('pipeline_two_lines');
    await alembic(target.sqlalchemyUrl, 'upgrade', 'head');
    const heads = await alembic(target.sqlalchemyUrl, 'heads');
    const config = ['--config', target.configPath, '--target', target.id];

    const recorded = await sentinel(
      [
        'record',
        ...config,
        '--heads',
        heads,
        '--versions-dir',
        VERSIONS_DIR,
        '--deploy-id',
        'gh-2001-1',
        '--commit',
        '4be1c0d',
        '--actor',
        'octocat',
      ],
      pipelineEnv
    );
    const verified = await sentinel(['verify', ...config], pipelineEnv);

    expectExit(recorded, 0);
    expect(recorded.stdout).toContain(`recorded: ${target.id} #1`);
    expect(recorded.stdout).toContain(`heads:     ${HEAD}`);
    expectExit(verified, 0);
    expect(verified.stdout).toContain('status:   OK');
    const [attestation] = await stack.attestations().recent(target.id, 1);
    expect(attestation).toMatchObject({
      deployId: 'gh-2001-1',
      commit: '4be1c0d',
      actor: 'octocat',
      manifestDigest: expect.any(String),
    });
  });

  it('exits 1 with the refusal on stderr when the database is elsewhere, and never shows the password', async () => {
    const target = await stack.addTarget('pipeline_two_lines_refused');
    await alembic(target.sqlalchemyUrl, 'upgrade', FIRST);

    const refused = await sentinel(
      [
        'record',
        '--config',
        target.configPath,
        '--target',
        target.id,
        '--heads',
        `${HEAD} (head)\n`,
        '--deploy-id',
        'gh-2002-1',
      ],
      pipelineEnv
    );

    expectExit(refused, 1);
    expect(refused.stderr).toBe(
      `alembic-sentinel: target ${target.id}: refusing to record; the ` +
        `database is at ${FIRST}, not at the claimed ${HEAD} ` +
        `(expected ${HEAD}, found ${FIRST})\n`
    );
    expect(refused.stdout + refused.stderr).not.toContain(target.password);
    expect(stack.transcript.join('')).not.toContain(target.password);
  });
});
