import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

interface InProcessDynamoDb {
  readonly client: DynamoDBClient;
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * A DynamoDB-API server inside this process (dynalite) on loopback, with a
 * client that uses throwaway credentials, so the demo needs no AWS account.
 */
const startInProcessDynamoDb = async (): Promise<InProcessDynamoDb> => {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;

  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
  });
  return {
    client,
    endpoint,
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

export { startInProcessDynamoDb };
