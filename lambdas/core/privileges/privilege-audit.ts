/** How a role comes to hold a write privilege on the version table. */
const WriterPath = {
  superuser: 'superuser',
  owner: 'owner',
  ownerMember: 'member of the owner',
  grant: 'granted directly',
  membership: 'through a role it belongs to',
  public: 'granted to PUBLIC',
} as const;

type WriterPath = (typeof WriterPath)[keyof typeof WriterPath];

/** One role that can write the version table, and how. */
interface TableWriter {
  /** Role name, or `PUBLIC`. */
  readonly role: string;
  /** Among INSERT, UPDATE, DELETE, TRUNCATE; sorted. */
  readonly privileges: readonly string[];
  readonly via: readonly WriterPath[];
}

/**
 * Who can write the version table, and what the login used for the read
 * can write anywhere in the database.
 */
interface PrivilegeAudit {
  /** Sorted by role; roles that only hold PUBLIC's privileges are left out. */
  readonly writers: readonly TableWriter[];
  /** The target's allowedWriters; undefined when it names none. */
  readonly allowedWriters?: readonly string[];
  /** The login the read used. */
  readonly login: string;
  /**
   * What that login can write or create, itself or through roles it
   * belongs to, e.g. `superuser`, `UPDATE on public.users`. Capped in
   * length by the reader; empty for a read-only login.
   */
  readonly loginCanWrite: readonly string[];
}

export type { PrivilegeAudit, TableWriter };
export { WriterPath };
