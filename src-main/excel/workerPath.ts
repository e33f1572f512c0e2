// Where the sheet worker's code is, by one rule: this module bundled (a .js file: out/main/index.js, cli.js,
// or the shared chunk in out/main/chunks/ that holds it) finds out/main/sheetWorker.js, a main-build input
// of electron.vite.config.ts;
// run from source (vitest, tsx: this file is .ts) it starts sheetWorker.ts through tsx's require hook (a
// devDependency), with a two-line bootstrap: a worker's `execArgv: ['--import', 'tsx']` is not applied in
// Node 20 ("Unknown file extension .ts").
import { createRequire } from 'node:module';
import path from 'node:path';

export interface WorkerEntry {
  /** A file to run, or (eval) the code of a bootstrap that loads it. */
  script: string;
  eval: boolean;
  /** The worker's own file. */
  file: string;
}

export function sheetWorkerEntry(): WorkerEntry {
  if (!__filename.endsWith('.ts')) {
    const main = path.basename(__dirname) === 'chunks' ? path.dirname(__dirname) : __dirname;
    const file = path.join(main, 'sheetWorker.js');
    return { script: file, eval: false, file };
  }
  const file = path.join(__dirname, 'sheetWorker.ts');
  const tsx = createRequire(__filename).resolve('tsx/cjs/api');
  return { script: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(file)});`, eval: true, file };
}
