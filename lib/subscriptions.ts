import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { SubscriptionConfig } from './config-alerts.js';

const toTopicSubscription = (
  scope: Construct,
  config: SubscriptionConfig,
  id: string,
  account: string | undefined
): sns.ITopicSubscription => {
  switch (config.protocol) {
    case 'email':
      return new subscriptions.EmailSubscription(config.endpoint);
    case 'https':
      return new subscriptions.UrlSubscription(config.endpoint, {
        protocol: sns.SubscriptionProtocol.HTTPS,
      });
    case 'sqs':
      return new subscriptions.SqsSubscription(
        sqs.Queue.fromQueueArn(scope, id, config.endpoint)
      );
    case 'lambda': {
      const functionAccount = config.endpoint.split(':')[4];
      return new subscriptions.LambdaSubscription(
        lambda.Function.fromFunctionAttributes(scope, id, {
          functionArn: config.endpoint,
          sameEnvironment: account === undefined || account === functionAccount,
        })
      );
    }
  }
};

/**
 * Subscribes each configured endpoint to the alert topic. A filter policy
 * is passed through as written (MessageAttributes scope); CloudWatch alarm
 * notifications carry no attributes, so filtered subscribers miss them.
 */
const addAlertSubscriptions = (
  scope: Construct,
  topic: sns.ITopic,
  configs: readonly SubscriptionConfig[],
  account: string | undefined
): void => {
  configs.forEach((config, index) => {
    const id = `Subscriber${index + 1}`;
    const subscription = topic.addSubscription(
      toTopicSubscription(scope, config, id, account)
    );
    if (config.filterPolicy) {
      const resource = subscription.node.defaultChild as sns.CfnSubscription;
      resource.filterPolicy = config.filterPolicy;
    }
  });
};

export { addAlertSubscriptions };
