import {
  InvokeCommand,
  type InvokeCommandOutput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { ConfigurationError, SentinelError } from '../core/errors.js';
import { remoteError } from './remote-errors.js';

/** Lambda's limit on a synchronous invocation's request payload. */
const INVOKE_PAYLOAD_MAX_BYTES = 6 * 1024 * 1024;

/**
 * Invokes a sentinel function synchronously and returns its result, or
 * throws the typed error it threw. A payload over Lambda's 6 MB limit is
 * refused before anything is sent.
 */
const invokeFunction = async (
  client: LambdaClient,
  functionName: string,
  event: unknown
): Promise<unknown> => {
  const payload = Buffer.from(JSON.stringify(event));
  if (payload.byteLength > INVOKE_PAYLOAD_MAX_BYTES) {
    throw new ConfigurationError(
      `the request is ${payload.byteLength} bytes, over Lambda's ` +
        `${INVOKE_PAYLOAD_MAX_BYTES}-byte limit for one invocation; ` +
        'pass fewer revisions in --heads (the manifest is capped far ' +
        'below this, see docs/manifest.md)'
    );
  }

  let output: InvokeCommandOutput;
  try {
    output = await client.send(
      new InvokeCommand({ FunctionName: functionName, Payload: payload })
    );
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    throw new SentinelError(
      'INVOKE',
      `could not invoke ${functionName} (${name}); check the function ` +
        'name and that this role may lambda:InvokeFunction it',
      { cause: error }
    );
  }

  const text = Buffer.from(output.Payload ?? new Uint8Array()).toString();
  const body = text === '' ? undefined : JSON.parse(text);
  if (output.FunctionError) {
    throw remoteError(
      String(body?.errorType ?? output.FunctionError),
      String(body?.errorMessage ?? 'the function failed')
    );
  }
  return body;
};

export { INVOKE_PAYLOAD_MAX_BYTES, invokeFunction };
