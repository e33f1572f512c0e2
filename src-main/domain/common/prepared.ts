// Prepared statements for writes that run the same few SQL texts thousands of times (imports, the ledger's rollups).
type Conn = import('better-sqlite3').Database;
type Statement = import('better-sqlite3').Statement;

const statements = new WeakMap<Conn, Map<string, Statement>>();

/** A statement prepared once per connection. */
export function prepared(conn: Conn, sql: string): Statement {
  let byText = statements.get(conn);
  if (!byText) statements.set(conn, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) byText.set(sql, (s = conn.prepare(sql)));
  return s;
}

export const placeholders = (n: number, tuple = '?') => Array<string>(n).fill(tuple).join(', ');

/**
 * Runs `INSERT INTO target VALUES tuple, tuple, …` over `params` (`width` per row): `chunk` rows per statement
 * (one prepared statement reused), the rest one row at a time. Keeps the statement under SQLite's parameter limit.
 */
export function insertRows(conn: Conn, target: string, tuple: string, width: number, chunk: number, params: unknown[]) {
  const rows = params.length / width;
  const full = Math.floor(rows / chunk) * chunk;
  // One parameter array per statement shape, refilled for each run (no copy of the parameters per statement).
  const run = (stmt: Statement, into: unknown[], from: number) => {
    for (let k = 0; k < into.length; k++) into[k] = params[from + k];
    stmt.run(into);
  };
  if (full) {
    const many = prepared(conn, `INSERT INTO ${target} VALUES ${placeholders(chunk, tuple)}`);
    const into = new Array<unknown>(chunk * width);
    for (let r = 0; r < full; r += chunk) run(many, into, r * width);
  }
  if (full < rows) {
    const one = prepared(conn, `INSERT INTO ${target} VALUES ${tuple}`);
    const into = new Array<unknown>(width);
    for (let r = full; r < rows; r++) run(one, into, r * width);
  }
}
