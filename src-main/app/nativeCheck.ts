/**
 * better-sqlite3 is built for one runtime at a time (Node for tests/CLI, Electron when packaging).
 * A NODE_MODULE_VERSION mismatch would otherwise surface as a long stack trace on first query.
 * Returns the one-line fix to show, or null when the module loads.
 */
export function nativeModuleProblem(runtime: 'node' | 'electron'): string | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return null;
  } catch (e) {
    const msg = String((e as Error).message);
    if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(msg)) throw e;
    const fix = runtime === 'node' ? 'npm run rebuild:node' : 'npm run rebuild:electron';
    return `better-sqlite3 was built for another runtime. Fix it with:  ${fix}`;
  }
}
