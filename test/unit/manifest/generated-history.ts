import { createHash } from 'node:crypto';
import type { ScriptFile } from '../../../lambdas/core/manifest/manifest-format.js';

const WORDS = [
  'add',
  'index',
  'on',
  'users',
  'email',
  'drop',
  'legacy',
  'column',
  'orders',
  'create',
  'audit',
  'log',
  'backfill',
  'invoice',
  'totals',
] as const;

/** A 12-hex-character id, as `alembic revision` makes them. */
const hexId = (seed: string): string =>
  createHash('sha256').update(seed).digest('hex').slice(0, 12);

/** A slug of exactly `length` characters, like Alembic's file names. */
const slugOf = (index: number, length: number): string => {
  let slug = '';
  for (let word = index; slug.length < length; word = (word * 7 + 3) % 97) {
    slug += `${slug === '' ? '' : '_'}${WORDS[word % WORDS.length]}`;
  }
  return slug.slice(0, length);
};

/**
 * A realistic history of `count` scripts from Alembic's default template:
 * 12-hex ids, `<id>_<slug>.py` names with 40-character slugs (Alembic's
 * longest), mostly linear, with a one-revision branch every 50 revisions
 * that a merge joins back at the next multiple of 50.
 */
const generateHistory = (count: number): ScriptFile[] => {
  const ids = Array.from({ length: count }, (_, index) => hexId(`r${index}`));
  return ids.map((id, index) => {
    const previous = index === 0 ? [] : [ids[index - 1] ?? ''];
    const merge = index % 50 === 0 && index > 50;
    const branchOff = index % 50 === 41 && index > 50 && index + 9 < count;
    const parents = merge
      ? [...previous, ids[index - 10] ?? '']
      : branchOff
        ? [ids[index - 2] ?? '']
        : previous;

    const python = (list: readonly string[]) =>
      list.length === 0
        ? 'None'
        : list.length === 1
          ? `'${list[0]}'`
          : `(${list.map((item) => `'${item}'`).join(', ')})`;
    const text = [
      `"""${slugOf(index, 40)}`,
      '',
      `Revision ID: ${id}`,
      `Revises: ${parents.join(', ')}`,
      '"""',
      `revision = '${id}'`,
      `down_revision = ${python(parents)}`,
      'branch_labels = None',
      'depends_on = None',
      '',
    ].join('\n');
    return {
      fileName: `${id}_${slugOf(index, 40)}.py`,
      bytes: new TextEncoder().encode(text),
    };
  });
};

export { generateHistory };
