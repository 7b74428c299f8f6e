import { readFile, writeFile } from 'node:fs/promises';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../../lambdas/cli/exit-codes.js';
import { exitCodeOfError } from '../../lambdas/cli/exit-status.js';
import { runRecord } from '../../lambdas/cli/record-command.js';
import { RECORDER_FUNCTION, useDeployedStack } from './deployed-stack.js';
import { pipelineFor } from './pipeline-steps.js';

const HEAD = '9e7b6a5d4c38';

const stack = useDeployedStack();

/** An error as the SDK throws it for a refused Invoke. */
const sdkError = (name: string, message: string) =>
  Object.assign(new Error(message), { name, $fault: 'client' });

describe('Pipeline: when the invoke itself fails (Lambda faked with aws-sdk-client-mock)', () => {
  it('exits 3 naming lambda:InvokeFunction when the role may not invoke', async () => {
    const target = await stack.addTarget('pipeline_denied');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', 'head');
    stack
      .lambda()
      .lambda.on(InvokeCommand, { FunctionName: 'sentinel-recorder-denied' })
      .rejects(sdkError('AccessDeniedException', 'not authorized'));

    const denied = await pipeline.record({
      heads: HEAD,
      deployId: 'd-1',
      recorderFunction: 'sentinel-recorder-denied',
    });

    expect(denied.code).toBe(ExitCode.couldNotCheck);
    expect(denied.stderr).toBe(
      'could not invoke sentinel-recorder-denied (AccessDeniedException); ' +
        'check the function name and that this role may ' +
        'lambda:InvokeFunction it'
    );
  });

  it('exits 3 for a function name the stack does not have', async () => {
    const target = await stack.addTarget('pipeline_missing');
    const pipeline = pipelineFor(stack, target);

    const missing = await pipeline.verify({
      verifierFunction: 'AlembicSentinel-Verifier-typo',
    });

    expect(missing.code).toBe(ExitCode.couldNotCheck);
    expect(missing.stderr).toContain('(ResourceNotFoundException)');
  });

  it('exits 3 when the response is lost, and the retry returns the attestation the first call wrote', async () => {
    const target = await stack.addTarget('pipeline_lost');
    const pipeline = pipelineFor(stack, target);
    await pipeline.alembic('upgrade', 'head');
    stack
      .lambda()
      .loseNextResponse(
        RECORDER_FUNCTION,
        sdkError('TimeoutError', 'socket hang up')
      );
    const flags = { heads: HEAD, deployId: 'gh-88-1', json: true };

    const lost = await pipeline.record(flags);
    const retried = await pipeline.record(flags);

    expect(lost.code).toBe(ExitCode.couldNotCheck);
    expect(lost.stderr).toContain('(TimeoutError)');
    expect(retried.code).toBe(ExitCode.ok);
    expect(JSON.parse(retried.stdout)).toMatchObject({
      created: false,
      attestation: { deployId: 'gh-88-1', sequence: 1 },
    });
    const stored = await stack.attestations().recent(target.id, 5);
    expect(stored.map((item) => item.deployId)).toEqual(['gh-88-1']);
  });

  it('exits 2 naming --config when neither a config nor a secret is given, invoking nothing', async () => {
    const before = stack.invocations().length;
    let failure: unknown;

    await runRecord(
      {
        target: 'orders',
        table: 'alembic-sentinel',
        recorderFunction: RECORDER_FUNCTION,
        databaseUrl: 'postgresql://pipeline@127.0.0.1:1/orders',
        heads: [HEAD],
        deployId: 'd-1',
      },
      () => {}
    ).catch((error: unknown) => {
      failure = error;
    });

    expect(exitCodeOfError(failure)).toBe(ExitCode.usage);
    expect((failure as Error).message).toContain(
      'pass --config sentinel.config.json or --secret-id'
    );
    expect(stack.invocations()).toHaveLength(before);
  });

  it('exits 3 when the recorder cannot reach the database, without the password', async () => {
    const target = await stack.addTarget('pipeline_unreachable');
    const pipeline = pipelineFor(stack, target);
    const config = JSON.parse(await readFile(target.configPath, 'utf8'));
    config.targets[0].port = 1;
    await writeFile(target.configPath, JSON.stringify(config));
    // The deployed stack has the same (broken) port: redeploy it so.
    vi.stubEnv('SENTINEL_TARGETS_JSON', JSON.stringify(config.targets));

    const failed = await pipeline.record({ heads: HEAD, deployId: 'd-1' });

    expect(failed.code).toBe(ExitCode.couldNotCheck);
    expect(failed.stderr).toMatch(
      /^127\.0\.0\.1:1\/\S+ as \S+: could not connect \[ECONNREFUSED\]$/
    );
    expect(stack.invocations().at(-1)?.response).toContain(
      '"errorType":"DatabaseUnavailableError"'
    );
    expect(failed.stderr).not.toContain(target.password);
    expect(stack.invocations().at(-1)?.response).not.toContain(target.password);
  });

  it('exits 2 naming the secret when the recorder cannot read it', async () => {
    const target = await stack.addTarget('pipeline_no_secret');
    const pipeline = pipelineFor(stack, target);
    const config = await readFile(target.configPath, 'utf8');
    await writeFile(
      target.configPath,
      config.replace(target.secretId, 'alembic-sentinel/not-there')
    );
    vi.stubEnv(
      'SENTINEL_TARGETS_JSON',
      JSON.stringify(
        JSON.parse(await readFile(target.configPath, 'utf8')).targets
      )
    );

    const failed = await pipeline.record({ heads: HEAD, deployId: 'd-1' });

    expect(failed.code).toBe(ExitCode.usage);
    expect(failed.stderr).toBe(
      'could not read secret alembic-sentinel/not-there from Secrets ' +
        'Manager (ResourceNotFoundException)'
    );
  });

  it('exits 2 and connects nowhere when the config points a target elsewhere', async () => {
    const target = await stack.addTarget('pipeline_redirect');
    const pipeline = pipelineFor(stack, target);
    const config = JSON.parse(await readFile(target.configPath, 'utf8'));
    config.targets[0].host = '127.0.0.2';
    config.targets[0].database = 'postgres';
    await writeFile(target.configPath, JSON.stringify(config));

    const failed = await pipeline.record({ heads: HEAD, deployId: 'd-1' });

    expect(failed.code).toBe(ExitCode.usage);
    expect(failed.stderr).toContain('differs from the deployed definition');
    expect(await stack.attestations().recent(target.id, 5)).toEqual([]);
  });
});
