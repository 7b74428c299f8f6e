import { ConfigurationError } from '../lambdas/core/errors.js';
import type { TargetInput } from '../lambdas/core/target.js';

/** EventBridge limit on the constant input of one rule target. */
const MAX_EVENT_INPUT_BYTES = 8192;

/** EventBridge limit on the number of targets of one rule. */
const MAX_TARGETS_PER_RULE = 5;

/** The event one verifier invocation receives: a batch of targets. */
interface VerifyEvent {
  readonly targets: readonly TargetInput[];
}

const inputBytes = (event: VerifyEvent): number =>
  Buffer.byteLength(JSON.stringify(event), 'utf8');

/**
 * Packs targets, in order, into verify events that each stay within the
 * EventBridge input limit and hold at most `maxTargetsPerBatch` targets.
 * Each event becomes one asynchronous invocation, so a slow database only
 * delays the targets of its own batch.
 */
const batchTargets = (
  targets: readonly TargetInput[],
  maxTargetsPerBatch: number
): VerifyEvent[] => {
  const batches: VerifyEvent[] = [];
  let current: TargetInput[] = [];

  for (const target of targets) {
    if (inputBytes({ targets: [target] }) > MAX_EVENT_INPUT_BYTES) {
      throw new ConfigurationError(
        `target "${target.id}" alone exceeds the ${MAX_EVENT_INPUT_BYTES}` +
          '-byte EventBridge input limit; shorten its fields'
      );
    }

    const candidate = { targets: [...current, target] };
    const full =
      current.length >= maxTargetsPerBatch ||
      inputBytes(candidate) > MAX_EVENT_INPUT_BYTES;
    if (full) {
      batches.push({ targets: current });
      current = [target];
    } else {
      current = candidate.targets;
    }
  }

  if (current.length > 0) {
    batches.push({ targets: current });
  }
  return batches;
};

/** Splits batches into groups of at most five, one group per rule. */
const groupByRule = <T>(batches: readonly T[]): T[][] => {
  const groups: T[][] = [];
  for (let start = 0; start < batches.length; start += MAX_TARGETS_PER_RULE) {
    groups.push(batches.slice(start, start + MAX_TARGETS_PER_RULE));
  }
  return groups;
};

export type { VerifyEvent };
export {
  batchTargets,
  groupByRule,
  MAX_EVENT_INPUT_BYTES,
  MAX_TARGETS_PER_RULE,
};
