import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMigrationScript } from '../../../lambdas/core/manifest/script-parser.js';

const id = fc.stringMatching(/^[A-Za-z0-9_]{1,32}$/);
const ids = fc.uniqueArray(id, { maxLength: 3 });

/** One way real scripts write a field: quotes, annotation, container. */
const style = fc.record({
  quote: fc.constantFrom("'", '"'),
  annotation: fc.constantFrom(
    '',
    ': str',
    ': Union[str, Sequence[str], None]',
    ': str | Sequence[str] | None',
    ': Optional[Union[str, Tuple[str, ...]]]'
  ),
  container: fc.constantFrom('tuple', 'list', 'multiline', 'bare'),
  scalar: fc.boolean(),
  comment: fc.constantFrom('', '  # note', "  # revision = 'decoy'"),
});

type Style = typeof style extends fc.Arbitrary<infer T> ? T : never;

/** Renders a list of ids the way `style` says. */
const render = (values: readonly string[], s: Style): string => {
  const quoted = values.map((value) => `${s.quote}${value}${s.quote}`);
  if (values.length === 0) {
    return 'None';
  }
  if (values.length === 1 && s.scalar) {
    return quoted[0] ?? '';
  }
  switch (s.container) {
    case 'list':
      return `[${quoted.join(', ')}]`;
    case 'multiline':
      return `(\n    ${quoted.join(',\n    ')},\n)`;
    case 'bare':
      return `${quoted.join(', ')},`;
    default:
      return `(${quoted.join(', ')},)`;
  }
};

const script = fc.record({
  revision: id,
  down: ids,
  labels: ids,
  dependsOn: ids,
  styles: fc.array(style, { minLength: 4, maxLength: 4 }),
});

describe('parseMigrationScript properties', () => {
  it('returns the written fields whatever quoting, annotation and container style', () => {
    fc.assert(
      fc.property(script, ({ revision, down, labels, dependsOn, styles }) => {
        const [r, d, b, o] = styles as [Style, Style, Style, Style];
        const text = [
          `"""docstring\n\nRevision ID: other\nRevises: ${down.join(', ')}x\n"""`,
          'from typing import Optional, Sequence, Tuple, Union',
          `revision${r.annotation} = ${r.quote}${revision}${r.quote}${r.comment}`,
          `down_revision${d.annotation} = ${render(down, d)}${d.comment}`,
          `branch_labels${b.annotation} = ${render(labels, b)}${b.comment}`,
          `depends_on${o.annotation} = ${render(dependsOn, o)}${o.comment}`,
          '',
          'def upgrade():',
          "    revision = 'inner'",
        ].join('\n');

        const parsed = parseMigrationScript('generated.py', text);

        expect(parsed).toMatchObject({
          revision,
          downRevisions: down,
          branchLabels: labels,
          dependsOn,
        });
      })
    );
  });
});
