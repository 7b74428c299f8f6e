import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '../core/alert-message.js';
import { PublishError } from '../core/errors.js';

/** Delivers rendered alerts somewhere a person will see them. */
type AlertSink = (message: AlertMessage) => Promise<void>;

/**
 * Publishes to an SNS topic: email subscribers get the text, machine
 * subscribers (SQS, Lambda, HTTPS) the JSON, and every delivery carries
 * the attributes for filter policies. A failure throws PublishError.
 */
const snsAlertSink =
  (client: SNSClient, topicArn: string): AlertSink =>
  async (message) => {
    const attributes = Object.fromEntries(
      Object.entries(message.attributes).map(([name, value]) => [
        name,
        { DataType: 'String', StringValue: value },
      ])
    );
    try {
      await client.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: message.subject,
          MessageStructure: 'json',
          Message: JSON.stringify({
            default: message.text,
            email: message.text,
            sqs: message.json,
            lambda: message.json,
            https: message.json,
            http: message.json,
          }),
          MessageAttributes: attributes,
        })
      );
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      throw new PublishError(
        `could not publish the ${message.attributes.code} alert for ` +
          `${message.attributes.target} to ${topicArn} (${name})`,
        { cause: error }
      );
    }
  };

export type { AlertSink };
export { snsAlertSink };
