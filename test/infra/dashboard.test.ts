import { describe, expect, it } from 'vitest';
import { synthSentinel } from './synth.js';

interface Widget {
  readonly properties: {
    readonly title: string;
    readonly metrics: readonly (readonly unknown[])[];
  };
}

/** The dashboard body with CloudFormation tokens replaced by "TOKEN". */
const dashboardWidgets = (): Widget[] => {
  const { template } = synthSentinel();
  template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  const [dashboard] = Object.values(
    template.findResources('AWS::CloudWatch::Dashboard')
  );
  const parts = dashboard?.Properties.DashboardBody['Fn::Join'][1] as unknown[];
  const body = parts
    .map((part) => (typeof part === 'string' ? part : 'TOKEN'))
    .join('');
  return JSON.parse(body).widgets;
};

describe('SentinelStack: dashboard', () => {
  it('graphs checks, could-not-check, findings, duration and alerts sent', () => {
    const widgets = dashboardWidgets();

    const series = widgets.flatMap((widget) => widget.properties.metrics);
    const sentinel = series.filter((metric) => metric[0] === 'AlembicSentinel');
    expect(new Set(sentinel.map((metric) => metric[1]))).toEqual(
      new Set(['ChecksCompleted', 'CouldNotCheck', 'RunDuration'])
    );
    const search = JSON.stringify(series);
    expect(search).toContain('MetricName=\\"Findings\\"');
    expect(search).toContain('NumberOfMessagesPublished');
    expect(search).toContain('ApproximateNumberOfMessagesVisible');
  });

  it('keeps every sentinel series per deployment, never per target', () => {
    const widgets = dashboardWidgets();

    const sentinel = widgets
      .flatMap((widget) => widget.properties.metrics)
      .filter((metric) => metric[0] === 'AlembicSentinel');
    for (const metric of sentinel) {
      expect(metric.slice(2, 6)).toEqual([
        'Deployment',
        'Sentinel',
        'service',
        'alembic-sentinel',
      ]);
    }
  });
});
