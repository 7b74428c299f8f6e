import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';

/** A Lambda handler as the functions export it. */
type FunctionHandler = (event: unknown) => Promise<unknown>;

/** One synchronous invocation the fake served. */
interface Invocation {
  readonly functionName: string;
  readonly event: unknown;
  /** The response payload as it went back, JSON text. */
  readonly response: string;
  readonly functionError?: string;
}

/** A response payload as the SDK hands it out: bytes that read as text. */
const lambdaPayload = (text: string) => {
  const bytes = new Uint8Array(Buffer.from(text));
  return Object.assign(bytes, {
    transformToString: (encoding?: string) =>
      Buffer.from(bytes).toString(encoding as BufferEncoding | undefined),
  });
};

const encode = (value: unknown) => lambdaPayload(JSON.stringify(value ?? null));

/**
 * Lambda's shape of an unhandled error in a Node.js function: the error's
 * `name` as `errorType`, its message and stack, with `FunctionError`
 * set on the response.
 */
const unhandled = (error: unknown) => {
  const failure = error instanceof Error ? error : new Error(String(error));
  return {
    errorType: failure.name,
    errorMessage: failure.message,
    trace: (failure.stack ?? '').split('\n'),
  };
};

/** The SDK's error for a function name Lambda does not know. */
const functionNotFound = (name: string): Error =>
  Object.assign(new Error(`Function not found: ${name}`), {
    name: 'ResourceNotFoundException',
    $metadata: { httpStatusCode: 404 },
  });

/** Runs a handler and answers as Lambda does, success or unhandled error. */
const answer = async (handler: FunctionHandler, event: unknown) => {
  try {
    return { payload: encode(await handler(event)) };
  } catch (error) {
    return { payload: encode(unhandled(error)), functionError: 'Unhandled' };
  }
};

/**
 * Fakes Lambda's synchronous Invoke for every LambdaClient with
 * aws-sdk-client-mock: runs the named handler in this process on the
 * decoded payload and answers as Lambda does, with the result as the
 * payload, or `{errorType, errorMessage, trace}` and `FunctionError:
 * 'Unhandled'` when the handler throws. `loseNextResponse` makes the next
 * invocation of a function run and then fail in the client, as a timeout
 * after the function did its work.
 */
const fakeLambda = (functions: Record<string, FunctionHandler>) => {
  const invocations: Invocation[] = [];
  const lostResponses = new Map<string, Error>();
  const lambda = mockClient(LambdaClient);
  lambda.on(InvokeCommand).callsFake(async (input) => {
    const functionName = String(input.FunctionName);
    const handler = functions[functionName];
    if (handler === undefined) throw functionNotFound(functionName);

    const text = Buffer.from(input.Payload ?? new Uint8Array()).toString();
    const event = text === '' ? {} : JSON.parse(text);
    const { payload, functionError } = await answer(handler, event);
    invocations.push({
      functionName,
      event,
      response: Buffer.from(payload).toString(),
      ...(functionError !== undefined && { functionError }),
    });

    const lost = lostResponses.get(functionName);
    if (lost !== undefined) {
      lostResponses.delete(functionName);
      throw lost;
    }
    return {
      StatusCode: 200,
      Payload: payload,
      ExecutedVersion: '$LATEST',
      ...(functionError !== undefined && { FunctionError: functionError }),
    };
  });

  const loseNextResponse = (functionName: string, error: Error) => {
    lostResponses.set(functionName, error);
  };
  return { lambda, invocations, loseNextResponse };
};

export type { FunctionHandler, Invocation };
export { fakeLambda, lambdaPayload };
