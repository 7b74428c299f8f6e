import { type Finding, Severity } from './findings.js';

const SEVERITY_ORDER: readonly Severity[] = [
  Severity.critical,
  Severity.high,
  Severity.medium,
  Severity.low,
];

/** The finding that needs a person most urgently, or undefined if none. */
const mostSevere = (findings: readonly Finding[]): Finding | undefined =>
  [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)
  )[0];

export { mostSevere };
