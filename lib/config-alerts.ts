import { z } from 'zod';
import { AlertAttribute } from './constants.js';

const ALERT_ATTRIBUTES = Object.values(AlertAttribute) as string[];

const filterPolicySchema = z
  .record(
    z.string(),
    z
      .array(z.unknown())
      .min(1, { error: 'each filter policy attribute needs a list of values' })
  )
  .superRefine((policy, context) => {
    for (const key of Object.keys(policy)) {
      if (!ALERT_ATTRIBUTES.includes(key)) {
        context.addIssue({
          code: 'custom',
          path: [key],
          message:
            `"${key}" is not an alert message attribute; use one of ` +
            ALERT_ATTRIBUTES.map((name) => `"${name}"`).join(', '),
        });
      }
    }
  })
  .optional();

const arnOf = (service: string, example: string) =>
  z
    .string()
    .regex(new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]+:\\d{12}:`), {
      error: `endpoint must be an ${service} ARN such as ${example}`,
    });

const subscriptionSchema = z.discriminatedUnion(
  'protocol',
  [
    z.strictObject({
      protocol: z.literal('email'),
      endpoint: z.email({ error: 'endpoint must be an email address' }),
      filterPolicy: filterPolicySchema,
    }),
    z.strictObject({
      protocol: z.literal('https'),
      endpoint: z.url({
        protocol: /^https$/,
        error: 'endpoint must be an https:// URL (plain http is refused)',
      }),
      filterPolicy: filterPolicySchema,
    }),
    z.strictObject({
      protocol: z.literal('sqs'),
      endpoint: arnOf('sqs', 'arn:aws:sqs:eu-west-1:111122223333:alerts'),
      filterPolicy: filterPolicySchema,
    }),
    z.strictObject({
      protocol: z.literal('lambda'),
      endpoint: arnOf(
        'lambda',
        'arn:aws:lambda:eu-west-1:111122223333:function:pager'
      ),
      filterPolicy: filterPolicySchema,
    }),
  ],
  { error: 'protocol must be one of "email", "https", "sqs", "lambda"' }
);

const kmsKeyArnSchema = z
  .string()
  .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, {
    error:
      'must be a KMS key ARN such as ' +
      'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  });

const alertsSchema = z.strictObject({
  kmsKeyArn: kmsKeyArnSchema.optional(),
  subscriptions: z.array(subscriptionSchema).default([]),
});

/** One alert subscription, as written in configuration. */
type SubscriptionConfig = z.output<typeof subscriptionSchema>;

export type { SubscriptionConfig };
export { alertsSchema, kmsKeyArnSchema, subscriptionSchema };
