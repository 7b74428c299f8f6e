import { CATALOGUE, findingDocsUrl } from './catalogue.js';
import { type Finding, Severity } from './findings.js';
import { printableValue } from './revision-value.js';
import type { Verdict } from './verdict.js';

/** Where an alert is in its life. */
const AlertState = {
  alert: 'ALERT',
} as const;

type AlertState = (typeof AlertState)[keyof typeof AlertState];

/** Version of the JSON alert shape; bump on any incompatible change. */
const ALERT_SCHEMA_VERSION = 1;

/** SNS rejects subjects over 100 characters. */
const SUBJECT_MAX_LENGTH = 99;

const SEVERITY_ORDER: readonly Severity[] = [
  Severity.critical,
  Severity.high,
  Severity.medium,
  Severity.low,
];

/** One alert, rendered for every audience. */
interface AlertMessage {
  readonly subject: string;
  /** For email and chat. */
  readonly text: string;
  /** For machines: SQS, Lambda, HTTPS subscribers. */
  readonly json: string;
  /** For subscription filter policies. */
  readonly attributes: Readonly<Record<string, string>>;
}

interface RenderOptions {
  readonly state: AlertState;
  /** @default 'docs/findings.md' */
  readonly docsUrl?: string;
}

const mostSevere = (findings: readonly Finding[]): Finding | undefined =>
  [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)
  )[0];

const heads = (values: readonly string[] | undefined): string =>
  values === undefined
    ? '(unknown)'
    : values.length === 0
      ? '(none)'
      : values.map((value) => printableValue(value)).join(', ');

const subjectLine = (verdict: Verdict, top: Finding): string => {
  const line = `[${top.severity}] ${verdict.targetId}: ${top.code} ${top.summary}`;
  return line.length > SUBJECT_MAX_LENGTH
    ? `${line.slice(0, SUBJECT_MAX_LENGTH - 3)}...`
    : line;
};

const findingSection = (finding: Finding, docsUrl?: string): string[] => {
  const definition = CATALOGUE[finding.code];
  return [
    `${finding.code} (${finding.severity}): ${definition.title}`,
    `  What was seen: ${finding.summary}`,
    `  What it may mean: ${definition.meaning}`,
    '  First steps:',
    ...definition.firstSteps.map((step, index) => `    ${index + 1}. ${step}`),
    `  Reference: ${findingDocsUrl(finding.code, docsUrl)}`,
  ];
};

/**
 * Renders a non-OK verdict as an alert. Every value read from the database
 * is escaped, so a forged row cannot forge lines of the message.
 */
const renderAlert = (
  verdict: Verdict,
  options: RenderOptions
): AlertMessage | undefined => {
  const top = mostSevere(verdict.findings);
  if (top === undefined) return undefined;

  const text = [
    `alembic-sentinel ${options.state}: ${verdict.targetId}`,
    '',
    `Target:   ${verdict.targetId}`,
    `Checked:  ${verdict.checkedAt}`,
    `Status:   ${verdict.status}`,
    `Expected: ${heads(verdict.expectedHeads)}`,
    `Observed: ${heads(verdict.observedRows)}`,
    '',
    ...verdict.findings.flatMap((finding) => [
      ...findingSection(finding, options.docsUrl),
      '',
    ]),
  ].join('\n');

  const json = JSON.stringify({
    schemaVersion: ALERT_SCHEMA_VERSION,
    state: options.state,
    ...verdict,
  });

  return {
    subject: subjectLine(verdict, top),
    text,
    json,
    attributes: {
      target: verdict.targetId,
      code: top.code,
      severity: top.severity,
      state: options.state,
    },
  };
};

export type { AlertMessage, RenderOptions };
export { ALERT_SCHEMA_VERSION, AlertState, renderAlert, SUBJECT_MAX_LENGTH };
