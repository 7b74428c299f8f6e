import { fileURLToPath } from 'node:url';
import { PublishCommand } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../lambdas/cli/exit-codes.js';
import { useDeployedStack, VERIFIER_FUNCTION } from './deployed-stack.js';
import { pipelineFor } from './pipeline-steps.js';

const VERSIONS_DIR = fileURLToPath(
  new URL('../fixtures/alembic-app/versions', import.meta.url)
);
const FIRST = '1f0a9c2e7b41';
const SECURITY_FIX = '5c3d8e1a0f92';
const HEAD = '9e7b6a5d4c38';

const stack = useDeployedStack();

describe('Pipeline: record begin, alembic upgrade, verify as a gate (Lambda and SNS faked with aws-sdk-client-mock)', () => {
  it('verifies OK at every step of a schema-changing deploy inside its window', async () => {
    const target = await stack.addTarget('pipeline_window');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', FIRST);
    await pipeline.record({ heads: FIRST, deployId: 'release-1' });
    const deploy = { versionsDir: VERSIONS_DIR, deployId: 'release-2' };

    const begun = await pipeline.begin({
      ...deploy,
      heads: await pipeline.alembic('heads'),
    });
    expect(begun.code).toBe(ExitCode.ok);
    expect(begun.stdout).toContain(`from:    ${FIRST}`);
    expect(begun.stdout).toContain(`to:      ${HEAD}`);

    await pipeline.alembic('upgrade', SECURITY_FIX);
    const midway = await pipeline.verify();
    expect(midway).toMatchObject({ code: ExitCode.ok, stderr: '' });
    expect(midway.stdout).toContain(`observed: ${SECURITY_FIX}`);

    await pipeline.alembic('upgrade', 'head');
    expect((await pipeline.verify()).code).toBe(ExitCode.ok);
    expect((await pipeline.record({ ...deploy, heads: HEAD })).code).toBe(
      ExitCode.ok
    );
    const gate = await pipeline.verify();

    expect(gate).toMatchObject({ code: ExitCode.ok, stderr: '' });
    expect(gate.stdout).toContain(`expected: ${HEAD}`);
    expect(stack.sns.commandCalls(PublishCommand)).toHaveLength(0);
    const checks = stack
      .invocations()
      .filter(
        (invocation) =>
          invocation.functionName === VERIFIER_FUNCTION &&
          JSON.stringify(invocation.event).includes(`"${target.id}"`)
      );
    expect(checks).toHaveLength(3);
  });

  it('verifies OK once the deploy is recorded, window or not', async () => {
    const target = await stack.addTarget('pipeline_window_closed');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', FIRST);
    await pipeline.record({ heads: FIRST, deployId: 'release-1' });
    const deploy = { versionsDir: VERSIONS_DIR, deployId: 'release-2' };
    await pipeline.begin({ ...deploy, heads: HEAD });
    await pipeline.alembic('upgrade', 'head');
    await pipeline.record({ ...deploy, heads: HEAD });

    const gate = await pipeline.verify();

    expect(gate).toMatchObject({ code: ExitCode.ok, stderr: '' });
    expect(gate.stdout).toContain(`expected: ${HEAD}`);
    expect(stack.sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('exits 1 and alerts when the gate finds the database below the record', async () => {
    const target = await stack.addTarget('pipeline_gate_mismatch');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', 'head');
    await pipeline.record({ heads: HEAD, deployId: 'release-1' });
    await pipeline.alembic('downgrade', '-1');

    const gate = await pipeline.verify({ json: true });

    expect(gate.code).toBe(ExitCode.findings);
    const { verdict } = JSON.parse(gate.stdout);
    expect(verdict.findings[0]).toMatchObject({ code: 'VERSION_MISMATCH' });
    expect(stack.sns.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('exits 3 when the verifier fails, as when an alert cannot be published', async () => {
    const target = await stack.addTarget('pipeline_gate_failure');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', 'head');
    await pipeline.record({ heads: HEAD, deployId: 'release-1' });
    await pipeline.alembic('stamp', FIRST);
    stack.sns.on(PublishCommand).rejects(
      Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottledException',
      })
    );

    const gate = await pipeline.verify();

    expect(gate.code).toBe(ExitCode.couldNotCheck);
    expect(stack.invocations().at(-1)).toMatchObject({
      functionName: VERIFIER_FUNCTION,
      functionError: 'Unhandled',
    });
    expect(gate.stderr).toMatch(/^PublishError: /);
  });

  it('never prints or returns the database password', async () => {
    const target = await stack.addTarget('pipeline_gate_secret');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', 'head');
    await pipeline.record({ heads: HEAD, deployId: 'release-1' });
    await pipeline.alembic('stamp', FIRST);

    await pipeline.verify();

    const everything = [
      ...stack.transcript,
      ...stack.invocations().map((invocation) => invocation.response),
      ...stack.sns
        .commandCalls(PublishCommand)
        .map((call) => JSON.stringify(call.args[0].input)),
    ].join('\n');
    expect(everything).toContain('check completed');
    expect(everything).toContain('VERSION_MISMATCH');
    expect(everything).not.toContain(target.password);
  });
});
