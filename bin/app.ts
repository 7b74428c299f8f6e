import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigurationError } from '../lambdas/core/errors.js';
import {
  loadSentinelConfig,
  type SentinelConfig,
  SentinelStack,
} from '../lib/index.js';

/** Where the config file is read from unless `-c config=PATH` says. */
const DEFAULT_CONFIG_PATH = 'sentinel.config.json';

const app = new App();
const configPath =
  (app.node.tryGetContext('config') as string | undefined) ??
  DEFAULT_CONFIG_PATH;

let config: SentinelConfig;
try {
  config = loadSentinelConfig(configPath);
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  // A config mistake is the user's to fix: the message, not a stack trace.
  console.error(error.message);
  process.exit(1);
}

new SentinelStack(app, config.stackName, { config, env: config.env });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
