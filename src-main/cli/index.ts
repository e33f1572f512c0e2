// Command line over the same router: call, demo, export, serve. Used by scripts, benchmarks and web mode.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp, localCaller, type App } from '../app/open';
import { defaultDataDir } from '../app/dataDir';
import { defaultRendererDir, startHttpServer } from '../http/server';
import { nativeModuleProblem } from '../app/nativeCheck';
import { importLimits, megabytes, tooLarge } from '../excel/importLimits';
import type { ImportRowErrors } from '@contract';

const USAGE = `Dropship Console 一件代发供货台 — command line

Usage: dropship <command> [options]     (npm run cli -- <command> [options])

Commands:
  call <method> [json]        call an API method, print its JSON result
  demo [--agents N] [--orders M] [--seed S] [--until YYYY-MM-DD]
                              replace all data with generated demo data (M = order lines)
  export ranking --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx
                              distributor ranking for [from, to) as a styled .xlsx
  import products FILE.xlsx   create or update products by SKU (all rows or none; see the error report)
  backup create | list | restore NAME --yes | delete NAME --yes
                              back up the database into <data dir>/backups, list backups, replace all
                              data with one (a safety backup first; the audit log stays), delete one
  serve [--port P] [--empty]  web mode on http://127.0.0.1:P (default 5174); --empty: no demo on first start

Every command takes --data-dir DIR (or DROPSHIP_DATA_DIR); default: the desktop app's data folder.`;

const fail = (code: string, message: string): never => {
  process.stderr.write(`error ${code}: ${message}\n`);
  process.exit(code === 'USAGE' ? 2 : 1);
};

function progressPrinter(label: string) {
  let lastPct = -1;
  return (done: number, total: number, phase: string) => {
    const pct = total ? Math.floor((done / total) * 100) : 0;
    if (pct !== lastPct) process.stderr.write(`\r${label} ${phase} ${pct}% (${done}/${total})   `);
    lastPct = pct;
  };
}

async function callOrFail(app: App, method: string, input: unknown) {
  const reply = await app.router.call(method, input, localCaller('cli'));
  if (!reply.ok) {
    process.stderr.write(`\n`);
    fail(reply.error.code, reply.error.message + (reply.error.details ? `\n${JSON.stringify(reply.error.details, null, 2)}` : ''));
  }
  return (reply as { ok: true; data: unknown }).data;
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      agents: { type: 'string' },
      orders: { type: 'string' },
      seed: { type: 'string' },
      until: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      port: { type: 'string' },
      empty: { type: 'boolean' },
      'test-routes': { type: 'boolean' },
      yes: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
  const int = (s: string | undefined, name: string) => {
    if (s === undefined) return undefined;
    if (!/^\d+$/.test(s)) fail('USAGE', `--${name} must be a whole number`);
    return Number(s);
  };

  switch (command) {
    case 'call': {
      const [method, json] = rest;
      if (!method) fail('USAGE', 'call <method> [json]');
      let input: unknown = {};
      try {
        input = json ? JSON.parse(json) : {};
      } catch (e) {
        fail('VALIDATION_FAILED', `the input is not valid JSON: ${(e as Error).message}`);
      }
      const app = await openApp({ dataDir, demoOnEmpty: false });
      const data = await callOrFail(app, method, input);
      process.stdout.write(JSON.stringify(data, null, 2) + '\n');
      await app.close();
      return;
    }
    case 'demo': {
      const app = await openApp({ dataDir, demoOnEmpty: false });
      const jobId = `cli-demo-${process.pid}`;
      app.env.events.on((e) => e.jobId === jobId && progressPrinter('demo')(e.done, e.total, e.phase));
      const data = await callOrFail(app, 'system.loadDemo', {
        agents: int(values.agents, 'agents'),
        orders: int(values.orders, 'orders'),
        seed: int(values.seed, 'seed'),
        until: values.until,
        jobId,
      });
      process.stderr.write('\n');
      process.stdout.write(JSON.stringify(data) + '\n');
      await app.close();
      return;
    }
    case 'export': {
      if (rest[0] !== 'ranking') fail('USAGE', 'export ranking --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx');
      if (!values.out) fail('USAGE', '--out FILE.xlsx is required');
      const app = await openApp({ dataDir, demoOnEmpty: false });
      const jobId = `cli-export-${process.pid}`;
      const print = progressPrinter('export');
      app.env.events.on((e) => e.jobId === jobId && print(e.done, e.total, e.phase));
      const res = (await callOrFail(app, 'reports.exportRanking', { from: values.from, to: values.to, jobId })) as {
        fileName: string;
        rows: number;
      };
      const out = path.resolve(values.out!);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.renameSync(path.join(app.env.exportsDir, res.fileName), out);
      process.stderr.write('\n');
      process.stdout.write(JSON.stringify({ out, rows: res.rows }) + '\n');
      await app.close();
      return;
    }
    case 'import': {
      const file = rest[1];
      if (rest[0] !== 'products' || !file) fail('USAGE', 'import products FILE.xlsx');
      const app = await openApp({ dataDir, demoOnEmpty: false });
      // Refuse an oversized file before reading it into memory; the router checks everything else.
      const limits = await importLimits(app.env.db);
      const size = fs.statSync(file!).size;
      if (size > limits.maxFileBytes) fail('IMPORT_TOO_LARGE', tooLarge('fileMb', megabytes(size), megabytes(limits.maxFileBytes)).message);
      const jobId = `cli-import-${process.pid}`;
      const print = progressPrinter('import');
      app.env.events.on((e) => e.jobId === jobId && print(e.done, e.total, e.phase));
      const input = { jobId, file: { name: path.basename(file!), dataBase64: fs.readFileSync(file!).toString('base64') } };
      const res = await app.router.call('products.import', input, localCaller('cli'));
      process.stderr.write('\n');
      if (!res.ok && res.error.code === 'IMPORT_ROW_INVALID') {
        const d = res.error.details as ImportRowErrors;
        for (const i of d.issues) process.stderr.write(`row ${i.row}, ${i.column}: ${i.message}\n`);
        fail(res.error.code, `${res.error.message}\nerror report: ${path.join(app.env.exportsDir, d.reportFile)}`);
      }
      if (!res.ok) fail(res.error.code, res.error.message);
      process.stdout.write(JSON.stringify((res as { data: unknown }).data) + '\n');
      await app.close();
      return;
    }
    case 'backup': {
      const [action, name] = rest;
      const usage = 'backup create | list | restore NAME --yes | delete NAME --yes';
      if (!['create', 'list', 'restore', 'delete'].includes(action ?? '')) fail('USAGE', usage);
      if ((action === 'restore' || action === 'delete') && !name) fail('USAGE', usage);
      if ((action === 'restore' || action === 'delete') && !values.yes)
        fail('USAGE', `${action} ${action === 'restore' ? 'replaces all data (a safety backup is taken first)' : 'deletes the file'}: add --yes to go ahead`);
      const app = await openApp({ dataDir, demoOnEmpty: false });
      const jobId = `cli-backup-${process.pid}`;
      const print = progressPrinter(action!);
      app.env.events.on((e) => e.jobId === jobId && print(e.done, e.total, e.phase));
      const method = `backup.${action}`;
      const input = action === 'list' ? {} : action === 'create' ? { jobId } : action === 'delete' ? { name, confirm: true } : { name, confirm: true, jobId };
      const data = await callOrFail(app, method, input);
      if (action !== 'list' && action !== 'delete') process.stderr.write('\n');
      process.stdout.write(JSON.stringify(data, null, 2) + '\n');
      await app.close();
      return;
    }
    case 'serve': {
      const port = int(values.port, 'port') ?? 5174;
      const app = await openApp({ dataDir, demoOnEmpty: !values.empty });
      if (app.loadedDemo) process.stdout.write('首次启动：已载入演示数据 (first start: demo data loaded; clear it in 工作台 or 设置)\n');
      const { url } = await startHttpServer(app, {
        port,
        rendererDir: defaultRendererDir(__dirname),
        testRoutes: !!values['test-routes'],
      }).catch((e: NodeJS.ErrnoException) =>
        e.code === 'EADDRINUSE' ? fail('PORT_IN_USE', `port ${port} on 127.0.0.1 is taken; choose another with --port`) : Promise.reject(e),
      );
      process.stdout.write(`Dropship Console web mode: ${url}  (data: ${dataDir})\n`);
      const stop = () => app.close().finally(() => process.exit(0));
      process.on('SIGINT', stop).on('SIGTERM', stop);
      return;
    }
    default:
      fail('USAGE', `unknown command ${command}\n\n${USAGE}`);
  }
}

const native = nativeModuleProblem('node');
if (native) fail('NATIVE_MODULE', native);
main(process.argv.slice(2)).catch((e) => fail('INTERNAL', e instanceof Error ? (e.stack ?? e.message) : String(e)));
