import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../lambdas/cli/exit-codes.js';
import { useDeployedStack } from './deployed-stack.js';
import { pipelineFor } from './pipeline-steps.js';

const SECURITY_FIX = '5c3d8e1a0f92';
const HEAD = '9e7b6a5d4c38';

const stack = useDeployedStack();

describe('Pipeline: two pipelines racing for one target (Lambda faked with aws-sdk-client-mock)', () => {
  it('lands both as distinct attestations when they claim the same heads', async () => {
    const target = await stack.addTarget('pipeline_race_same');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', 'head');

    const [a, b] = await Promise.all([
      pipeline.record({ heads: HEAD, deployId: 'pipeline-a', json: true }),
      pipeline.record({ heads: HEAD, deployId: 'pipeline-b', json: true }),
    ]);

    expect([a?.code, b?.code]).toEqual([ExitCode.ok, ExitCode.ok]);
    const stored = await stack.attestations().recent(target.id, 5);
    expect(stored.map((item) => item.deployId).sort()).toEqual([
      'pipeline-a',
      'pipeline-b',
    ]);
    expect(stored.map((item) => item.sequence).sort()).toEqual([1, 2]);
  });

  it('lands the one the database is at and refuses the other with exit 1', async () => {
    const target = await stack.addTarget('pipeline_race_heads');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', 'head');

    const [current, stale] = await Promise.all([
      pipeline.record({ heads: HEAD, deployId: 'deploy-new' }),
      pipeline.record({ heads: SECURITY_FIX, deployId: 'deploy-old' }),
    ]);

    expect(current?.code).toBe(ExitCode.ok);
    expect(stale?.code).toBe(ExitCode.findings);
    expect(stale?.stderr).toContain(
      `the database is at ${HEAD}, not at the claimed ${SECURITY_FIX}`
    );
    const stored = await stack.attestations().recent(target.id, 5);
    expect(stored.map((item) => item.deployId)).toEqual(['deploy-new']);
  });
});
