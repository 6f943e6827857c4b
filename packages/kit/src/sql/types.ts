/** SQL port used by every app. Implementations: PostgreSQL (`pg` Pool) and PGlite (file-backed WASM). */

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  /** Parameterised query ($1, $2, …). Never interpolate values into `text`. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** The queries of one transaction (see Sql.transaction). */
export interface Transaction extends Queryable {
  /**
   * The transaction's last statement, committed with it: PostgreSQL gets the statement and COMMIT
   * in one round trip (pipelined). Resolves once both succeeded; rejects, with nothing committed, when
   * either fails. Nothing may be queried after it.
   */
  commitWith<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export interface Sql extends Queryable {
  readonly dialect: 'postgres' | 'pglite';
  /**
   * Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when
   * it throws (the error is rethrown). Nothing is half-applied. On PostgreSQL, BEGIN goes out with
   * the first statement (one round trip), and `tx.commitWith` sends the last one with COMMIT.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
