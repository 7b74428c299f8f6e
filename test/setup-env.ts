// Runs in every test worker before its tests. AWS clients built by tests
// must never look for real credentials or a region, nor ask the instance
// metadata service: fake keys, a fixed region, metadata lookups off. The
// keys are only ever sent to DynamoDB Local on loopback.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'fakeAccessKeyId';
process.env.AWS_SECRET_ACCESS_KEY = 'fakeSecretAccessKey';
Reflect.deleteProperty(process.env, 'AWS_SESSION_TOKEN');
Reflect.deleteProperty(process.env, 'AWS_PROFILE');
