import {
  CfnOutput,
  Duration,
  Fn,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { SentinelConfig } from './config.js';
import { AlembicSentinel } from './sentinel.js';
import { addAlertSubscriptions } from './subscriptions.js';

/** A deployment described by a validated config file. */
interface SentinelStackProps extends StackProps {
  /** The validated configuration (see `loadSentinelConfig`). */
  readonly config: SentinelConfig;

  /**
   * Source file of the verifier handler.
   *
   * @default - `lambdas/verify.ts` in this repository
   */
  readonly verifyEntry?: string;

  /**
   * Source file of the recorder handler.
   *
   * @default - `lambdas/record.ts` in this repository
   */
  readonly recordEntry?: string;
}

type NetworkConfig = NonNullable<SentinelConfig['network']>;

/**
 * Imports the VPC, subnets and security groups by id, so synth needs no
 * AWS lookup and no credentials.
 */
const importNetwork = (scope: Construct, network: NetworkConfig) => {
  const vpc = ec2.Vpc.fromVpcAttributes(scope, 'Vpc', {
    vpcId: network.vpcId,
    // Never rendered: the functions use the explicit subnets below.
    availabilityZones: Fn.getAzs(),
  });
  Validations.of(vpc).acknowledge({
    id: 'Annotation::@aws-cdk/aws-ec2:vpcAttributeIsListTokenavailabilityZones',
    reason: 'Only the explicit subnet ids reach the template.',
  });
  const subnets = network.subnetIds.map((id) => {
    const subnet = ec2.Subnet.fromSubnetId(scope, id, id);
    Validations.of(subnet).acknowledge({
      id: 'Annotation::@aws-cdk/aws-ec2:noSubnetRouteTableId',
      reason: 'Lambda needs only the subnet id; no route table is read.',
    });
    return subnet;
  });
  const securityGroups = network.securityGroupIds?.map((id) =>
    ec2.SecurityGroup.fromSecurityGroupId(scope, id, id, { mutable: false })
  );
  return { vpc, vpcSubnets: { subnets }, securityGroups };
};

/** The whole product from one config file: `npx cdk deploy`. */
class SentinelStack extends Stack {
  readonly sentinel: AlembicSentinel;

  constructor(scope: Construct, id: string, props: SentinelStackProps) {
    super(scope, id, {
      description: 'alembic-sentinel: witness for Alembic migration state',
      ...props,
    });
    const { config } = props;

    const alertKeyArn = config.alerts.kmsKeyArn;
    this.sentinel = new AlembicSentinel(this, 'Sentinel', {
      ...(config.network ? importNetwork(this, config.network) : {}),
      targets: config.targets,
      deploymentName: config.deploymentName,
      scheduleRate: Duration.minutes(config.schedule.rateMinutes),
      maxTargetsPerBatch: config.schedule.maxTargetsPerBatch,
      missedPeriodsBeforeAlarm: config.schedule.missedPeriodsBeforeAlarm,
      alertTopicKey: alertKeyArn
        ? kms.Key.fromKeyArn(this, 'AlertKey', alertKeyArn)
        : undefined,
      secretKeyArns: config.secretKmsKeyArns,
      secretNamePrefix: config.secretNamePrefix,
      logLevel: lambda.ApplicationLogLevel[config.logLevel],
      reserveConcurrency: config.concurrency.reserve,
      verifierConcurrency: config.concurrency.verifier,
      recorderConcurrency: config.concurrency.recorder,
      secretCacheTtl: Duration.seconds(config.secretCacheTtlSeconds),
      verifyEntry: props.verifyEntry,
      recordEntry: props.recordEntry,
    });

    addAlertSubscriptions(
      this,
      this.sentinel.alertTopic,
      config.alerts.subscriptions,
      config.env?.account
    );
    if (config.pipelinePrincipalArn) {
      this.sentinel.grantRecord(
        new iam.ArnPrincipal(config.pipelinePrincipalArn)
      );
    }
    if (config.pipelineVerifyPrincipalArn) {
      this.sentinel.grantVerify(
        new iam.ArnPrincipal(config.pipelineVerifyPrincipalArn)
      );
    }
    this.addOutputs();
  }

  private addOutputs(): void {
    const { sentinel } = this;
    const outputs: Record<string, string> = {
      RecorderFunctionName: sentinel.recorder.functionName,
      RecorderFunctionArn: sentinel.recorder.functionArn,
      VerifierFunctionName: sentinel.verifier.functionName,
      VerifierFunctionArn: sentinel.verifier.functionArn,
      AlertTopicArn: sentinel.alertTopic.topicArn,
      TableName: sentinel.table.tableName,
      DeadLetterQueueUrl: sentinel.deadLetterQueue.queueUrl,
    };
    if (sentinel.securityGroups.length > 0) {
      outputs.FunctionSecurityGroupIds = sentinel.securityGroups
        .map((group) => group.securityGroupId)
        .join(',');
    }
    for (const [name, value] of Object.entries(outputs)) {
      new CfnOutput(this, name, { value });
    }
  }
}

export type { SentinelStackProps };
export { SentinelStack };
