/**
 * Privilege queries. Both read only catalogs and the has_*_privilege
 * family, which any login may call for any role.
 */

const WRITE_PRIVILEGES = `array['DELETE', 'INSERT', 'TRUNCATE', 'UPDATE']`;

/**
 * Who can write the table `$1` (oid): PUBLIC's privileges as one row,
 * then every role (not the predefined pg_* ones) with what it holds
 * beyond PUBLIC's, and the flags that say how. A superuser holds every
 * privilege; ownership and inherited membership count through
 * has_table_privilege. The owner's own ACL entry is ownership, not a
 * grant; a superuser is a member of every role, so that is not said.
 */
const TABLE_WRITERS = `
  with target as (
    select c.oid, c.relowner,
      coalesce(c.relacl, acldefault('r', c.relowner)) as acl
    from pg_class c where c.oid = $1::oid
  ),
  public_grants as (
    select coalesce(array_agg(a.privilege_type::text
                      order by a.privilege_type), '{}') as privileges
    from target t, aclexplode(t.acl) a
    where a.grantee = 0
      and a.privilege_type = any(${WRITE_PRIVILEGES})
  ),
  roles as (
    select r.rolname::text as role,
      array(select w from unnest(${WRITE_PRIVILEGES}) w
            where has_table_privilege(r.oid, t.oid, w)
              and w <> all (p.privileges) order by w) as privileges,
      r.rolsuper as superuser,
      t.relowner = r.oid as owner,
      t.relowner <> r.oid and not r.rolsuper
        and pg_has_role(r.oid, t.relowner, 'USAGE') as owner_member,
      t.relowner <> r.oid
        and exists (select from aclexplode(t.acl) a
                    where a.grantee = r.oid
                      and a.privilege_type = any(${WRITE_PRIVILEGES}))
        as granted,
      false as public
    from pg_roles r, target t, public_grants p
    where r.rolname !~ '^pg_'
  )
  select 'PUBLIC' as role, p.privileges, false as superuser,
    false as owner, false as owner_member, false as granted, true as public
  from public_grants p where cardinality(p.privileges) > 0
  union all
  select * from roles where cardinality(privileges) > 0
  order by role`;

const NOT_SYSTEM = `n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`;

/**
 * What the login can write or create, itself or through any role it is
 * a member of (with or without INHERIT, since it may SET ROLE), most
 * serious first, at most `$1` lines.
 */
const LOGIN_WRITES = `
  with mine as (
    select r.oid, r.rolname, r.rolsuper, r.rolcreaterole
    from pg_roles r where pg_has_role(session_user, r.oid, 'MEMBER')
  ),
  found as (
    select 1 as rank, 'superuser' as what
    where exists (select from mine where rolsuper)
    union all
    select 2, 'CREATEROLE' where exists (select from mine where rolcreaterole)
    union all
    select 3, 'member of ' || rolname from mine
    where rolname in ('pg_write_all_data', 'pg_write_server_files',
                      'pg_execute_server_program')
    union all
    select 4, 'CREATE on database ' || quote_ident(current_database())
    where exists (select from mine m
                  where has_database_privilege(m.oid, current_database(),
                                               'CREATE'))
    union all
    select 5, 'CREATE on schema ' || quote_ident(n.nspname)
    from pg_namespace n
    where ${NOT_SYSTEM}
      and exists (select from mine m
                  where has_schema_privilege(m.oid, n.oid, 'CREATE'))
    union all
    select 6, w.privileges || ' on ' || c.oid::regclass::text
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral (
      select string_agg(p, '/' order by p) as privileges
      from unnest(${WRITE_PRIVILEGES}) p
      where exists (select from mine m
                    where has_table_privilege(m.oid, c.oid, p))) w
    where ${NOT_SYSTEM} and c.relkind in ('r', 'p', 'f')
      and w.privileges is not null
    union all
    select 7, 'UPDATE on sequence ' || c.oid::regclass::text
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where ${NOT_SYSTEM} and c.relkind = 'S'
      and exists (select from mine m
                  where has_sequence_privilege(m.oid, c.oid, 'UPDATE'))
    union all
    select 8, 'owns function ' || p.oid::regprocedure::text
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    where ${NOT_SYSTEM} and p.proowner in (select oid from mine)
  )
  select what from found order by rank, what limit $1`;

export { LOGIN_WRITES, TABLE_WRITERS };
