import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../lambdas/cli/exit-codes.js';
import { dynamoManifestStore } from '../../lambdas/io/manifest-store.js';
import { dynamoClient } from '../support/servers.js';
import { RECORDER_FUNCTION, useDeployedStack } from './deployed-stack.js';
import { pipelineFor } from './pipeline-steps.js';

const VERSIONS_DIR = fileURLToPath(
  new URL('../fixtures/alembic-app/versions', import.meta.url)
);
const FIRST = '1f0a9c2e7b41';
const HEAD = '9e7b6a5d4c38';

const stack = useDeployedStack();

describe('Pipeline: record through the deployed recorder (Lambda, Secrets Manager faked with aws-sdk-client-mock)', () => {
  it('records what alembic upgrade head applied, with the manifest of the versions dir', async () => {
    const target = await stack.addTarget('pipeline_record');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', 'head');

    const recorded = await pipeline.record({
      heads: await pipeline.alembic('heads'),
      versionsDir: VERSIONS_DIR,
      deployId: 'gh-1042-1',
      commit: '4be1c0d',
      actor: 'github-actions',
    });

    expect(recorded).toEqual({
      code: ExitCode.ok,
      stderr: '',
      stdout: expect.stringContaining(`recorded: ${target.id} #1`),
    });
    const [attestation] = await stack.attestations().recent(target.id, 5);
    expect(attestation).toMatchObject({
      heads: [HEAD],
      deployId: 'gh-1042-1',
      commit: '4be1c0d',
      actor: 'github-actions',
      manifestDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const manifest = await dynamoManifestStore(
      dynamoClient(),
      stack.tableName
    ).get(target.id, attestation?.manifestDigest ?? '');
    expect(manifest?.revisions.map((revision) => revision.id).sort()).toEqual(
      ['1f0a9c2e7b41', '5c3d8e1a0f92', '9e7b6a5d4c38'].sort()
    );
  });

  it('sends the recorder the target from sentinel.config.json and the parsed heads', async () => {
    const target = await stack.addTarget('pipeline_event');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', 'head');

    await pipeline.record({ heads: `${HEAD} (head)\n`, deployId: 'd-1' });

    const invocation = stack.invocations().at(-1);
    expect(invocation?.functionName).toBe(RECORDER_FUNCTION);
    expect(invocation?.event).toEqual({
      action: 'record',
      heads: [HEAD],
      deployId: 'd-1',
      target: {
        id: target.id,
        secretId: target.secretId,
        tls: 'disable',
        schema: 'public',
        versionTable: 'alembic_version',
      },
    });
  });

  it('exits 1 and says where the database is when it is not at the claimed heads', async () => {
    const target = await stack.addTarget('pipeline_refused');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', FIRST);

    const refused = await pipeline.record({
      heads: HEAD,
      versionsDir: VERSIONS_DIR,
      deployId: 'gh-1043-1',
    });

    expect(refused.code).toBe(ExitCode.findings);
    expect(refused.stderr).toContain(
      `target ${target.id}: refusing to record; the database is at ${FIRST}, ` +
        `not at the claimed ${HEAD}`
    );
    expect(await stack.attestations().recent(target.id, 5)).toEqual([]);
    expect(stack.invocations().at(-1)).toMatchObject({
      functionError: 'Unhandled',
      response: expect.stringContaining('"errorType":"RecordRefusedError"'),
    });
  });

  it('returns the first attestation when a deploy id is retried, writing no second one', async () => {
    const target = await stack.addTarget('pipeline_retry');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', 'head');
    const flags = { heads: HEAD, deployId: 'gl-77-deploy', json: true };

    const first = await pipeline.record(flags);
    const retried = await pipeline.record(flags);

    expect(first.code).toBe(ExitCode.ok);
    expect(retried.code).toBe(ExitCode.ok);
    expect(JSON.parse(first.stdout)).toMatchObject({ created: true });
    expect(JSON.parse(retried.stdout)).toEqual({
      created: false,
      attestation: JSON.parse(first.stdout).attestation,
    });
    const stored = await stack.attestations().recent(target.id, 5);
    expect(stored.map((item) => item.deployId)).toEqual(['gl-77-deploy']);
  });

  it('prints "already recorded" for a retried deploy id', async () => {
    const target = await stack.addTarget('pipeline_retry_text');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', 'head');

    await pipeline.record({ heads: HEAD, deployId: 'cb-9' });
    const retried = await pipeline.record({ heads: HEAD, deployId: 'cb-9' });

    expect(retried.stdout).toContain(`already recorded: ${target.id} #1`);
  });

  it('exits 4 when a deploy id is reused with other heads', async () => {
    const target = await stack.addTarget('pipeline_reuse');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', FIRST);
    await pipeline.record({ heads: FIRST, deployId: 'reused' });
    await pipeline.alembic('upgrade', 'head');

    const reused = await pipeline.record({ heads: HEAD, deployId: 'reused' });

    expect(reused.code).toBe(ExitCode.conflict);
    expect(reused.stderr).toContain(
      `deploy id reused was already recorded with heads ${FIRST}`
    );
  });

  it('never prints or returns the database password', async () => {
    const target = await stack.addTarget('pipeline_secret');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', FIRST);

    await pipeline.record({ heads: FIRST, deployId: 'ok-1' });
    await pipeline.record({ heads: HEAD, deployId: 'refused-1' });

    const everything = [
      ...stack.transcript,
      ...stack.invocations().map((invocation) => invocation.response),
    ].join('\n');
    expect(everything).toContain('deploy recorded');
    expect(everything).toContain('refusing to record');
    expect(everything).not.toContain(target.password);
  });
});
