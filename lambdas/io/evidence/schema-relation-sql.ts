/**
 * Catalog queries for relations and what hangs off them. Each returns
 * `key`, `names` (unquoted `schema.name`, for exclusions) and
 * `definition` (jsonb without volatile values: no oids, no statistics).
 * `$1` is the array of schema names. Run with search_path = pg_catalog,
 * so every user object in a definition is schema-qualified.
 */

/** Objects that belong to an extension are the extension's business. */
const notExtensionMember = (catalog: string, oid: string): string => `
  not exists (
    select from pg_depend d
    where d.classid = '${catalog}'::regclass and d.objid = ${oid}
      and d.deptype = 'e')`;

const RELATION = `
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = any($1) and ${notExtensionMember('pg_class', 'c.oid')}`;

const QUALIFIED = `quote_ident(n.nspname) || '.' || quote_ident(c.relname)`;
const RAW_NAME = `(n.nspname || '.' || c.relname)::text`;

const SCHEMAS = `
  select 'schema ' || quote_ident(n.nspname) as key,
    array[n.nspname::text] as names, '{}'::jsonb as definition
  from pg_namespace n where n.nspname = any($1)`;

const TABLES = `
  select 'table ' || ${QUALIFIED}, array[${RAW_NAME}],
    jsonb_build_object(
      'kind', c.relkind::text,
      'persistence', c.relpersistence::text,
      'rowSecurity', c.relrowsecurity,
      'forceRowSecurity', c.relforcerowsecurity,
      'partitionKey', case when c.relkind = 'p'
        then pg_get_partkeydef(c.oid) end,
      'partitionBound', case when c.relispartition
        then pg_get_expr(c.relpartbound, c.oid) end,
      'inherits', (select jsonb_agg(i.inhparent::regclass::text
                     order by i.inhseqno)
                   from pg_inherits i where i.inhrelid = c.oid),
      'options', to_jsonb(c.reloptions))
  ${RELATION} and c.relkind in ('r', 'p', 'f')`;

const COLUMNS = `
  select 'column ' || ${QUALIFIED} || '.' || quote_ident(a.attname),
    array[${RAW_NAME}],
    jsonb_build_object(
      'type', format_type(a.atttypid, a.atttypmod),
      'notNull', a.attnotnull,
      'default', pg_get_expr(ad.adbin, ad.adrelid),
      'identity', nullif(a.attidentity::text, ''),
      'generated', nullif(a.attgenerated::text, ''),
      'collation', case when a.attcollation <> t.typcollation
        then a.attcollation::regcollation::text end)
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_type t on t.oid = a.atttypid
  left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
  where n.nspname = any($1) and ${notExtensionMember('pg_class', 'c.oid')}
    and c.relkind in ('r', 'p', 'f') and a.attnum > 0
    and not a.attisdropped`;

const CONSTRAINTS = `
  select 'constraint ' || ${QUALIFIED} || '.' || quote_ident(con.conname),
    array[${RAW_NAME}],
    jsonb_build_object(
      'type', con.contype::text,
      'definition', pg_get_constraintdef(con.oid))
  from pg_constraint con
  join pg_class c on c.oid = con.conrelid
  join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = any($1) and ${notExtensionMember('pg_class', 'c.oid')}`;

const INDEXES = `
  select 'index ' || quote_ident(n.nspname) || '.' || quote_ident(ic.relname),
    array[n.nspname || '.' || ic.relname, ${RAW_NAME}],
    jsonb_build_object(
      'definition', pg_get_indexdef(i.indexrelid),
      'valid', i.indisvalid)
  from pg_index i
  join pg_class ic on ic.oid = i.indexrelid
  join pg_class c on c.oid = i.indrelid
  join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = any($1) and ${notExtensionMember('pg_class', 'c.oid')}`;

const VIEWS = `
  select 'view ' || ${QUALIFIED}, array[${RAW_NAME}],
    jsonb_build_object(
      'kind', c.relkind::text,
      'definition', pg_get_viewdef(c.oid),
      'options', to_jsonb(c.reloptions))
  ${RELATION} and c.relkind in ('v', 'm')`;

const SEQUENCES = `
  select 'sequence ' || ${QUALIFIED}, array[${RAW_NAME}],
    jsonb_build_object(
      'type', format_type(s.seqtypid, null),
      'start', s.seqstart::text,
      'increment', s.seqincrement::text,
      'min', s.seqmin::text,
      'max', s.seqmax::text,
      'cache', s.seqcache::text,
      'cycle', s.seqcycle,
      'ownedBy', (
        select d.refobjid::regclass::text || '.' || quote_ident(a.attname)
        from pg_depend d
        join pg_attribute a
          on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
        where d.classid = 'pg_class'::regclass and d.objid = c.oid
          and d.refclassid = 'pg_class'::regclass
          and d.deptype in ('a', 'i')
        limit 1))
  from pg_sequence s
  join pg_class c on c.oid = s.seqrelid
  join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = any($1) and ${notExtensionMember('pg_class', 'c.oid')}`;

const RELATION_QUERIES: readonly string[] = [
  SCHEMAS,
  TABLES,
  COLUMNS,
  CONSTRAINTS,
  INDEXES,
  VIEWS,
  SEQUENCES,
];

export { notExtensionMember, RELATION_QUERIES };
