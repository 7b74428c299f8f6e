import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../lambdas/cli/exit-codes.js';
import { exitCodeOfError } from '../../lambdas/cli/exit-status.js';
import {
  INVOKE_PAYLOAD_MAX_BYTES,
  invokeFunction,
} from '../../lambdas/cli/lambda-invoke.js';
import { runRecord } from '../../lambdas/cli/record-command.js';
import { ConfigurationError } from '../../lambdas/core/errors.js';
import { RECORDER_FUNCTION } from './deployed-stack.js';
import { lambdaPayload } from './fake-lambda.js';

const lambda = mockClient(LambdaClient);

/** Alembic's longest slug is 40 characters. */
const SLUG = 'add_column_to_a_table_with_a_long_name_x';

/**
 * A versions directory of a linear history of `count` revisions with
 * 40-character slugs: about 166 bytes of manifest each (docs/manifest.md).
 */
const writeLinearHistory = async (
  root: string,
  count: number
): Promise<string> => {
  const directory = join(root, 'versions');
  await mkdir(directory);
  let previous = 'None';
  for (let index = 0; index < count; index += 1) {
    const id = index.toString(16).padStart(12, '0');
    await writeFile(
      join(directory, `${id}_${SLUG}.py`),
      `revision = '${id}'\ndown_revision = ${previous}\n` +
        'branch_labels = None\ndepends_on = None\n'
    );
    previous = `'${id}'`;
  }
  return directory;
};

const recordOptions = {
  target: 'orders',
  secretId: 'alembic-sentinel/orders',
  table: 'alembic-sentinel',
  recorderFunction: RECORDER_FUNCTION,
  deployId: 'gh-1',
};

const failureOf = async (action: () => Promise<unknown>) => {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

afterEach(() => {
  lambda.reset();
});

describe('Pipeline: payload limits, checked before invoking (Lambda faked with aws-sdk-client-mock)', () => {
  let root: string;
  let tooLarge: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sentinel-history-'));
    tooLarge = await writeLinearHistory(root, 2_600);
  }, 120_000);

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('exits 2 naming the item budget for a manifest of 2,600 revisions, invoking nothing', async () => {
    const failure = await failureOf(() =>
      runRecord(
        { ...recordOptions, heads: ['000000000a27'], versionsDir: tooLarge },
        () => {}
      )
    );

    expect(failure).toBeInstanceOf(ConfigurationError);
    expect(exitCodeOfError(failure)).toBe(ExitCode.usage);
    expect((failure as Error).message).toMatch(
      /^the manifest of .*versions is \d+ bytes, over the 407552-byte item budget \(docs\/manifest\.md\); record without --versions-dir$/
    );
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('refuses a request over 6 MB before sending it', async () => {
    const event = { blob: 'x'.repeat(INVOKE_PAYLOAD_MAX_BYTES) };

    const failure = await failureOf(() =>
      invokeFunction(new LambdaClient({}), RECORDER_FUNCTION, event)
    );

    expect(exitCodeOfError(failure)).toBe(ExitCode.usage);
    expect((failure as Error).message).toContain(
      `over Lambda's ${INVOKE_PAYLOAD_MAX_BYTES}-byte limit`
    );
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('sends a request of exactly 6 MB', async () => {
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: lambdaPayload('{"ok":true}'),
    });
    const wrapping = JSON.stringify({ blob: '' }).length;
    const event = { blob: 'x'.repeat(INVOKE_PAYLOAD_MAX_BYTES - wrapping) };

    const result = await invokeFunction(
      new LambdaClient({}),
      RECORDER_FUNCTION,
      event
    );

    expect(result).toEqual({ ok: true });
    const sent = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(sent?.Payload).toHaveLength(INVOKE_PAYLOAD_MAX_BYTES);
  });

  it('exits 2 before invoking when --heads alone passes 6 MB', async () => {
    const heads = Array.from({ length: 520_000 }, (_, index) =>
      index.toString(16).padStart(12, '0')
    );

    const failure = await failureOf(() =>
      runRecord({ ...recordOptions, heads: [heads.join(',')] }, () => {})
    );

    expect(exitCodeOfError(failure)).toBe(ExitCode.usage);
    expect((failure as Error).message).toContain(
      `over Lambda's ${INVOKE_PAYLOAD_MAX_BYTES}-byte limit for one ` +
        'invocation; pass fewer revisions in --heads'
    );
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });
});
