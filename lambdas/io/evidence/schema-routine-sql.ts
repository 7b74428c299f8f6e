import { notExtensionMember } from './schema-relation-sql.js';

/**
 * Catalog queries for types, routines and per-table rules: the same
 * columns and conventions as the relation queries.
 */

const TYPE_DEFINITION = `
  case t.typtype
    when 'e' then jsonb_build_object('kind', 'enum',
      'labels', (select jsonb_agg(e.enumlabel order by e.enumsortorder)
                 from pg_enum e where e.enumtypid = t.oid))
    when 'd' then jsonb_build_object('kind', 'domain',
      'type', format_type(t.typbasetype, t.typtypmod),
      'notNull', t.typnotnull,
      'default', t.typdefault,
      'constraints', (
        select jsonb_agg(quote_ident(con.conname) || ' '
                 || pg_get_constraintdef(con.oid) order by con.conname)
        from pg_constraint con where con.contypid = t.oid))
    when 'r' then jsonb_build_object('kind', 'range',
      'subtype', (select format_type(r.rngsubtype, null)
                  from pg_range r where r.rngtypid = t.oid))
    else jsonb_build_object('kind', 'composite',
      'attributes', (
        select jsonb_agg(quote_ident(a.attname) || ' '
                 || format_type(a.atttypid, a.atttypmod) order by a.attnum)
        from pg_attribute a
        where a.attrelid = t.typrelid and a.attnum > 0
          and not a.attisdropped))
  end`;

const TYPES = `
  select 'type ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname),
    array[n.nspname || '.' || t.typname], ${TYPE_DEFINITION}
  from pg_type t
  join pg_namespace n on n.oid = t.typnamespace
  left join pg_class tc on tc.oid = t.typrelid
  where n.nspname = any($1) and ${notExtensionMember('pg_type', 't.oid')}
    and (t.typtype in ('e', 'd', 'r')
         or (t.typtype = 'c' and tc.relkind = 'c'))`;

const FUNCTIONS = `
  select 'function ' || quote_ident(n.nspname) || '.'
      || quote_ident(p.proname) || '('
      || pg_get_function_identity_arguments(p.oid) || ')',
    array[n.nspname || '.' || p.proname],
    case when p.prokind = 'a'
      then jsonb_build_object('kind', 'a',
        'result', pg_get_function_result(p.oid))
      else jsonb_build_object('kind', p.prokind::text,
        'definition', pg_get_functiondef(p.oid))
    end
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
  where n.nspname = any($1) and ${notExtensionMember('pg_proc', 'p.oid')}`;

const ON_TABLE = `
  join pg_class c on c.oid = x.relid
  join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = any($1) and ${notExtensionMember('pg_class', 'c.oid')}`;

const TABLE_PART = (kind: string, name: string) =>
  `'${kind} ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname)
     || '.' || quote_ident(${name}),
   array[n.nspname || '.' || c.relname]`;

const TRIGGERS = `
  select ${TABLE_PART('trigger', 'x.tgname')},
    jsonb_build_object(
      'definition', pg_get_triggerdef(x.oid),
      'enabled', x.tgenabled::text)
  from (select tg.*, tg.tgrelid as relid from pg_trigger tg
        where not tg.tgisinternal) x ${ON_TABLE}`;

const POLICIES = `
  select ${TABLE_PART('policy', 'x.polname')},
    jsonb_build_object(
      'command', x.polcmd::text,
      'permissive', x.polpermissive,
      'roles', (
        select jsonb_agg(r.name order by r.name)
        from (select case when role = 0 then 'PUBLIC'
                else pg_get_userbyid(role)::text end as name
              from unnest(x.polroles) as role) r),
      'using', pg_get_expr(x.polqual, x.polrelid),
      'check', pg_get_expr(x.polwithcheck, x.polrelid))
  from (select pol.*, pol.polrelid as relid from pg_policy pol) x
  ${ON_TABLE}`;

const RULES = `
  select ${TABLE_PART('rule', 'x.rulename')},
    jsonb_build_object(
      'definition', pg_get_ruledef(x.oid),
      'enabled', x.ev_enabled::text)
  from (select r.*, r.ev_class as relid from pg_rewrite r
        where r.rulename <> '_RETURN') x ${ON_TABLE}`;

const EXTENSIONS = `
  select 'extension ' || quote_ident(e.extname), array[e.extname::text],
    jsonb_build_object('version', e.extversion, 'schema', n.nspname)
  from pg_extension e
  join pg_namespace n on n.oid = e.extnamespace
  where n.nspname = any($1)`;

const ROUTINE_QUERIES: readonly string[] = [
  TYPES,
  FUNCTIONS,
  TRIGGERS,
  POLICIES,
  RULES,
  EXTENSIONS,
];

export { ROUTINE_QUERIES };
