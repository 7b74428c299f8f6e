import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadSentinelConfig, SentinelStack } from '../lib/index.js';

/** Where the config file is read from unless `-c config=PATH` says. */
const DEFAULT_CONFIG_PATH = 'sentinel.config.json';

const app = new App();
const configPath =
  (app.node.tryGetContext('config') as string | undefined) ??
  DEFAULT_CONFIG_PATH;
const config = loadSentinelConfig(configPath);

new SentinelStack(app, config.stackName, {
  config,
  env: config.env,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
