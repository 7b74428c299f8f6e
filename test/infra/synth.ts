import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  parseSentinelConfig,
  type SentinelConfigInput,
  SentinelStack,
} from '../../lib/index.js';

/** A tiny handler, so tests do not depend on the real Lambda code. */
const FIXTURE_HANDLER = fileURLToPath(
  new URL('./fixtures/handler.ts', import.meta.url)
);

const SECRET_ARN =
  'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/billing-AbCdEf';

/** Two targets: one secret by name, one by complete ARN. */
const BASE_CONFIG: SentinelConfigInput = {
  stackName: 'Sentinel',
  targets: [
    { id: 'orders', secretId: 'prod/orders' },
    { id: 'billing', secretId: SECRET_ARN, port: 6432 },
  ],
};

const NETWORK = {
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
};

/** `n` targets with distinct ids and secrets. */
const manyTargets = (n: number) =>
  Array.from({ length: n }, (_, index) => ({
    id: `db-${String(index).padStart(4, '0')}`,
    secretId: `prod/db-${index}`,
  }));

interface SynthOptions {
  /** Run esbuild for real; off by default to keep tests fast. */
  readonly bundle?: boolean;
  /** Adds constructs to the stack before it is synthesized. */
  readonly customize?: (stack: SentinelStack) => void;
}

/** Synthesizes a SentinelStack from `BASE_CONFIG` plus `overrides`. */
const synthSentinel = (
  overrides: Partial<SentinelConfigInput> = {},
  options: SynthOptions = {}
) => {
  const app = new App({
    context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] },
  });
  const config = parseSentinelConfig({ ...BASE_CONFIG, ...overrides }, 'test');
  const stack = new SentinelStack(app, config.stackName, {
    config,
    verifyEntry: FIXTURE_HANDLER,
    recordEntry: FIXTURE_HANDLER,
  });
  options.customize?.(stack);
  return { app, stack, template: Template.fromStack(stack) };
};

export {
  BASE_CONFIG,
  FIXTURE_HANDLER,
  manyTargets,
  NETWORK,
  SECRET_ARN,
  synthSentinel,
};
