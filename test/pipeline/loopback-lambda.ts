import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FunctionHandler } from './fake-lambda.js';

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

const bodyOf = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
};

/**
 * Lambda's Invoke API on 127.0.0.1, for a CLI started as its own process
 * (point it here with AWS_ENDPOINT_URL_LAMBDA). Runs the named handler in
 * this process and answers as Lambda does: the result as the body, or
 * `{errorType, errorMessage}` with `X-Amz-Function-Error: Unhandled`.
 */
const startLoopbackLambda = async (
  functions: Record<string, FunctionHandler>
): Promise<{ endpoint: string; stop: () => Promise<void> }> => {
  const server = createServer(async (request, response) => {
    const match = INVOKE_PATH.exec(request.url?.split('?')[0] ?? '');
    const name = decodeURIComponent(match?.[1] ?? '');
    const handler = functions[name];
    if (request.method !== 'POST' || handler === undefined) {
      response.writeHead(404, {
        'content-type': 'application/json',
        'x-amzn-errortype': 'ResourceNotFoundException',
      });
      response.end(JSON.stringify({ message: `Function not found: ${name}` }));
      return;
    }

    const text = await bodyOf(request);
    try {
      const result = await handler(text === '' ? {} : JSON.parse(text));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result ?? null));
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      response.writeHead(200, {
        'content-type': 'application/json',
        'x-amz-function-error': 'Unhandled',
      });
      response.end(
        JSON.stringify({
          errorType: failure.name,
          errorMessage: failure.message,
        })
      );
    }
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

export { startLoopbackLambda };
