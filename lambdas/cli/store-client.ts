import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Where the sentinel table is, for commands that only read the store. */
interface StoreOptions {
  readonly table: string;
  readonly dynamodbEndpoint?: string;
}

const storeClient = (options: StoreOptions): DynamoDBClient =>
  new DynamoDBClient(
    options.dynamodbEndpoint === undefined
      ? {}
      : { endpoint: options.dynamodbEndpoint }
  );

export type { StoreOptions };
export { storeClient };
