export { SentinelAlarms } from './alarms.js';
export type { VerifyEvent } from './batches.js';
export { batchTargets, MAX_EVENT_INPUT_BYTES } from './batches.js';
export type { SentinelConfig, SentinelConfigInput } from './config.js';
export {
  loadSentinelConfig,
  parseSentinelConfig,
  sentinelConfigSchema,
} from './config.js';
export {
  AlertAttribute,
  CHECKS_COMPLETED_METRIC,
  DEPLOYMENT_DIMENSION,
  METRICS_NAMESPACE,
  SERVICE_DIMENSION,
  SERVICE_NAME,
  SentinelEnv,
  WritablePrefixes,
} from './constants.js';
export { VerifySchedule } from './schedule.js';
export { AlembicSentinel } from './sentinel.js';
export type { AlembicSentinelProps } from './sentinel-props.js';
export type { SentinelStackProps } from './stack.js';
export { SentinelStack } from './stack.js';
