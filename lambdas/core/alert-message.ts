import type { OpenAlert } from './alert-state.js';
import { NotificationKind } from './alert-state.js';
import { CATALOGUE, findingDocsUrl } from './catalogue.js';
import type { Finding } from './findings.js';
import { listValues, VALUES_LISTED } from './revision-value.js';
import { mostSevere } from './severity.js';
import type { Verdict } from './verdict.js';

/** Version of the JSON alert shape; bump on any incompatible change. */
const ALERT_SCHEMA_VERSION = 1;

/** SNS rejects subjects over 100 characters. */
const SUBJECT_MAX_LENGTH = 99;

/**
 * Bounds that keep every message far below SNS's 256 KB, however many or
 * however long the rows an attacker writes: findings shown, values listed
 * per list, characters per value, and a last cap on each rendered form.
 */
const FINDINGS_SHOWN = 10;
const VALUE_MAX_LENGTH = 255;
const FORM_MAX_LENGTH = 100_000;

/** One notification, rendered for every audience. */
interface AlertMessage {
  readonly subject: string;
  /** For email and chat. */
  readonly text: string;
  /** For machines: SQS, Lambda, HTTPS subscribers. */
  readonly json: string;
  /** For subscription filter policies: target, code, severity, state. */
  readonly attributes: Readonly<Record<string, string>>;
}

interface RenderOptions {
  readonly kind: NotificationKind;
  /** The alert being resolved or reminded of. */
  readonly open?: OpenAlert;
  /** @default 'docs/findings.md' */
  readonly docsUrl?: string;
}

const heads = (values: readonly string[] | undefined): string =>
  listValues(values);

const cappedValues = (values: readonly string[] | undefined) =>
  values
    ?.slice(0, VALUES_LISTED)
    .map((value) => value.slice(0, VALUE_MAX_LENGTH));

/** The verdict as machines get it, with every list bounded. */
const boundedVerdict = (verdict: Verdict) => ({
  ...verdict,
  expectedHeads: cappedValues(verdict.expectedHeads),
  observedRows: cappedValues(verdict.observedRows),
  observedRowCount: verdict.observedRows?.length,
  findingCount: verdict.findings.length,
  findings: verdict.findings.slice(0, FINDINGS_SHOWN).map((finding) => ({
    ...finding,
    summary: finding.summary.slice(0, 2 * VALUE_MAX_LENGTH),
    expected: cappedValues(finding.expected),
    observed: cappedValues(finding.observed),
  })),
});

const bounded = (form: string, fallback: () => string): string =>
  form.length > FORM_MAX_LENGTH ? fallback() : form;

const capped = (line: string): string =>
  line.length > SUBJECT_MAX_LENGTH
    ? `${line.slice(0, SUBJECT_MAX_LENGTH - 3)}...`
    : line;

const findingSection = (finding: Finding, docsUrl?: string): string[] => {
  const definition = CATALOGUE[finding.code];
  return [
    `${finding.code} (${finding.severity}): ${definition.title}`,
    `  What was seen: ${finding.summary}`,
    `  What it may mean: ${definition.meaning}`,
    '  First steps:',
    ...definition.firstSteps.map((step, index) => `    ${index + 1}. ${step}`),
    `  Reference: ${findingDocsUrl(finding.code, docsUrl)}`,
    '',
  ];
};

const header = (verdict: Verdict, kind: NotificationKind, open?: OpenAlert) => [
  `alembic-sentinel ${kind}: ${verdict.targetId}`,
  '',
  `Target:   ${verdict.targetId}`,
  `Checked:  ${verdict.checkedAt}`,
  `Status:   ${verdict.status}`,
  `Expected: ${heads(verdict.expectedHeads)}`,
  `Observed: ${heads(verdict.observedRows)}`,
  ...(open ? [`Open since: ${open.openedAt}`] : []),
  '',
];

const subjectFor = (
  verdict: Verdict,
  kind: NotificationKind,
  top: Finding | undefined,
  open: OpenAlert | undefined
): string => {
  if (kind === NotificationKind.resolved || top === undefined) {
    const was = open ? ` after ${open.codes.join(', ')}` : '';
    return capped(`[RESOLVED] ${verdict.targetId}: OK again${was}`);
  }
  const prefix = kind === NotificationKind.reminder ? 'STILL ' : '';
  return capped(
    `[${prefix}${top.severity}] ${verdict.targetId}: ${top.code} ${top.summary}`
  );
};

/**
 * Renders a notification. Every value read from the database is escaped,
 * so a forged row cannot forge lines of the message.
 */
const renderAlert = (
  verdict: Verdict,
  options: RenderOptions
): AlertMessage => {
  const { kind, open } = options;
  const top = mostSevere(verdict.findings);
  const resolvedLine = open
    ? [`Resolved: ${open.codes.join(', ')}, open since ${open.openedAt}.`]
    : [];
  const body =
    kind === NotificationKind.resolved
      ? [...resolvedLine, 'The version table matches the recorded deploy.']
      : [
          ...verdict.findings
            .slice(0, FINDINGS_SHOWN)
            .flatMap((finding) => findingSection(finding, options.docsUrl)),
          ...(verdict.findings.length > FINDINGS_SHOWN
            ? [
                `... and ${verdict.findings.length - FINDINGS_SHOWN} more findings`,
              ]
            : []),
        ];
  const text = [...header(verdict, kind, open), ...body].join('\n');
  const json = JSON.stringify({
    schemaVersion: ALERT_SCHEMA_VERSION,
    state: kind,
    ...boundedVerdict(verdict),
    ...(open && { open }),
  });

  return {
    subject: subjectFor(verdict, kind, top, open),
    text: bounded(text, () => `${text.slice(0, FORM_MAX_LENGTH)}\n...`),
    json: bounded(json, () =>
      JSON.stringify({
        schemaVersion: ALERT_SCHEMA_VERSION,
        state: kind,
        targetId: verdict.targetId,
        status: verdict.status,
        codes: verdict.findings.slice(0, FINDINGS_SHOWN).map((f) => f.code),
        truncated: true,
      })
    ),
    attributes: {
      target: verdict.targetId,
      code: top?.code ?? 'OK',
      severity: top?.severity ?? 'INFO',
      state: kind,
    },
  };
};

export type { AlertMessage, RenderOptions };
export { ALERT_SCHEMA_VERSION, renderAlert, SUBJECT_MAX_LENGTH };
