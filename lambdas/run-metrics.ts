import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { VerdictStatus } from './core/verdict.js';
import type { CheckOutcome } from './verifier.js';

/** Metric names the verifier emits; dashboards and alarms use them. */
const MetricName = {
  checksCompleted: 'ChecksCompleted',
  couldNotCheck: 'CouldNotCheck',
  findings: 'Findings',
  runDuration: 'RunDuration',
} as const;

/**
 * Adds one run's figures. Series are per deployment (and per finding code
 * for Findings), never per target: every series costs money each month.
 */
const addRunMetrics = (
  metrics: Metrics,
  outcomes: readonly CheckOutcome[],
  durationMillis: number
): void => {
  const count = (predicate: (outcome: CheckOutcome) => boolean) =>
    outcomes.filter(predicate).length;

  metrics.addMetric(
    MetricName.checksCompleted,
    MetricUnit.Count,
    outcomes.length
  );
  metrics.addMetric(
    MetricName.couldNotCheck,
    MetricUnit.Count,
    count(({ verdict }) => verdict.status === VerdictStatus.unchecked)
  );
  metrics.addMetric(
    MetricName.runDuration,
    MetricUnit.Milliseconds,
    durationMillis
  );

  const byCode = new Map<string, number>();
  for (const { verdict } of outcomes) {
    for (const { code } of verdict.findings) {
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
    }
  }
  for (const [code, findings] of byCode) {
    const single = metrics.singleMetric();
    single.addDimension('Code', code);
    single.addMetric(MetricName.findings, MetricUnit.Count, findings);
  }
};

export { addRunMetrics, MetricName };
