import { describe, expect, it } from 'vitest';
import { judge } from '../../../lambdas/core/compare.js';
import {
  attestedEvidence,
  schemaDetailToLoad,
  withoutEvidence,
} from '../../../lambdas/core/evidence/database-evidence.js';
import { FindingCode } from '../../../lambdas/core/findings.js';
import { fingerprintSchema } from '../../../lambdas/core/schema/fingerprint.js';
import { VerdictStatus } from '../../../lambdas/core/verdict.js';
import {
  attested,
  column,
  observed,
  observedSchema,
  readOnlyAudit,
  SHOP_OBJECTS,
} from './evidence-fixtures.js';

const drifted = observedSchema([
  ...SHOP_OBJECTS.filter((object) => object.key === 'table public.users'),
  column('email', { type: 'text', notNull: true, default: "''::text" }),
  { key: 'table public.backdoor', names: ['public.backdoor'], definition: {} },
]);

describe('Function: judge, schema', () => {
  it('returns SCHEMA_DRIFT by digest when the detail was not loaded', () => {
    const verdict = judge(observed({ schema: drifted }), attested());

    expect(verdict.findings.map((finding) => finding.code)).toEqual([
      FindingCode.schemaDrift,
    ]);
    expect(verdict.findings[0]?.summary).toMatch(
      /3 objects, sha256:[0-9a-f]{12}; now 3, sha256:[0-9a-f]{12}\); recorded detail not loaded/
    );
  });

  it('returns SCHEMA_DRIFT naming objects added, removed and changed', () => {
    const attestedSchema = fingerprintSchema(SHOP_OBJECTS);

    const verdict = judge(observed({ schema: drifted }), attested(), {
      attestedSchema,
    });

    expect(verdict.findings[0]?.summary).toBe(
      'schema differs from the one deploy deploy-4 recorded: ' +
        'added table public.backdoor; removed column public.users.id; ' +
        'changed column public.users.email (default)'
    );
  });

  it('keeps the same expected and observed with or without the detail', () => {
    const without = judge(observed({ schema: drifted }), attested());
    const withDetail = judge(observed({ schema: drifted }), attested(), {
      attestedSchema: fingerprintSchema(SHOP_OBJECTS),
    });

    expect(withDetail.findings[0]?.expected).toEqual(
      without.findings[0]?.expected
    );
    expect(withDetail.findings[0]?.observed).toEqual(
      without.findings[0]?.observed
    );
  });

  it('returns OK when a new exclusion alone explains the difference', () => {
    const withTable = [
      ...SHOP_OBJECTS,
      { key: 'table public.jobs', names: ['public.jobs'], definition: {} },
    ];
    const recorded = fingerprintSchema(withTable);
    const schema = observedSchema(withTable, ['jobs']);

    const verdict = judge(
      observed({ schema }),
      attested({ schema: { digest: recorded.digest, objectCount: 4 } }),
      { attestedSchema: recorded }
    );

    expect(verdict.status).toBe(VerdictStatus.ok);
  });

  it('asks for the detail only when the digests differ', () => {
    const same = observed().table;
    const other = observed({ schema: drifted }).table;

    expect(schemaDetailToLoad(same, attested())).toBeUndefined();
    expect(schemaDetailToLoad(other, attested())).toBe(
      attested().schema?.digest
    );
    expect(schemaDetailToLoad(other, undefined)).toBeUndefined();
  });
});

describe('Function: judge, privileges', () => {
  it('returns no writer finding when the target names no allowlist', () => {
    expect(judge(observed(), attested()).status).toBe(VerdictStatus.ok);
  });

  it('returns UNEXPECTED_WRITER naming the role and how it can write', () => {
    const privileges = readOnlyAudit({
      allowedWriters: ['migrator'],
      writers: [
        { role: 'app', privileges: ['UPDATE'], via: ['granted directly'] },
        { role: 'migrator', privileges: ['INSERT'], via: ['owner'] },
      ],
    });

    const verdict = judge(observed({ privileges }), attested());

    expect(verdict.findings).toHaveLength(1);
    expect(verdict.findings[0]).toMatchObject({
      code: FindingCode.unexpectedWriter,
      summary:
        'roles outside allowedWriters can write the version table: ' +
        'app can UPDATE (granted directly)',
      expected: ['migrator'],
      observed: ['app'],
    });
  });

  it('returns VERIFIER_CAN_WRITE listing what the login can write', () => {
    const privileges = readOnlyAudit({
      loginCanWrite: ['CREATE on schema public', 'UPDATE on public.users'],
    });

    const [finding] = judge(observed({ privileges }), attested()).findings;

    expect(finding?.code).toBe(FindingCode.verifierCanWrite);
    expect(finding?.summary).toBe(
      'login sentinel can write: CREATE on schema public, ' +
        'UPDATE on public.users'
    );
  });

  it('escapes role names so a name cannot forge alert lines', () => {
    const privileges = readOnlyAudit({
      allowedWriters: ['migrator'],
      writers: [{ role: 'x\nSubject: fake', privileges: ['UPDATE'], via: [] }],
    });

    const [finding] = judge(observed({ privileges }), attested()).findings;

    expect(finding?.summary).not.toMatch(/\n/);
  });

  it('adds privilege findings to NO_ATTESTATION and stays UNATTESTED', () => {
    const privileges = readOnlyAudit({ loginCanWrite: ['superuser'] });

    const verdict = judge(observed({ privileges }), undefined);

    expect(verdict.status).toBe(VerdictStatus.unattested);
    expect(verdict.findings.map((finding) => finding.code)).toEqual([
      FindingCode.noAttestation,
      FindingCode.verifierCanWrite,
    ]);
  });
});

describe('Function: attestedEvidence', () => {
  it('returns the write evidence and the schema digest with its size', () => {
    const { table } = observed();

    expect(attestedEvidence(table)).toEqual({
      writes: attested().writes,
      schema: attested().schema,
    });
  });

  it('returns nothing for a read without evidence', () => {
    expect(attestedEvidence(withoutEvidence(observed().table))).toEqual({});
  });
});
