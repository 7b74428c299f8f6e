import { Validations } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * cdk-nag findings a sentinel function cannot fix, each with the reason a
 * reviewer needs. Kept beside the construct so embedding apps that run
 * cdk-nag see the same reasons.
 */
const acknowledgeFunctionFindings = (
  fn: NodejsFunction,
  inVpc: boolean
): void => {
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'Node.js 22 is the runtime the handlers are built and tested for ' +
      '(esbuild target node22); moving to a newer runtime is a tested change.',
  });
  if (!inVpc || !fn.role) return;

  Validations.of(fn.role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Lambda needs the EC2 network-interface actions on all resources to ' +
      'attach a VPC function; a Deny on lambda:SourceFunctionArn keeps the ' +
      'function code itself from using them.',
  });
};

export { acknowledgeFunctionFindings };
