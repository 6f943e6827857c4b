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

export interface Sql extends Queryable {
  readonly dialect: 'postgres' | 'pglite';
  /**
   * Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when
   * it throws (the error is rethrown). Nothing is half-applied.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
