// Command line over the same router: call, demo, export, serve. Used by scripts, benchmarks and web mode.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp, localCaller, type App } from '../app/open';
import { defaultDataDir } from '../app/dataDir';
import { defaultRendererDir, startHttpServer } from '../http/server';
import { nativeModuleProblem } from '../app/nativeCheck';
import { fileTooLarge, importLimits } from '../excel/importLimits';
import { METRIC_IDS, PERIOD_PRESETS, isPeriodPreset, presetPeriod, setupQuery, type ApiErrorBody, type ImportRowErrors, type Output } from '@contract';
import { todayIn } from '@contract/days';

const USAGE = `Dropship Console 一件代发供货台 — command line

Usage: dropship <command> [options]     (npm run cli -- <command> [options])

Commands:
  call <method> [json]        call an API method, print its JSON result
  demo [--agents N] [--orders M] [--seed S] [--until YYYY-MM-DD]
                              replace all data with generated demo data (M = order lines)
  export ranking (--from YYYY-MM-DD --to YYYY-MM-DD | --period PRESET) [--by METRIC] [--compare] [--locale en] --out FILE.xlsx
                              distributor ranking for [from, to) as a styled .xlsx, ranked by METRIC
                              (default amount; ${METRIC_IDS.join(', ')}); --compare adds the previous
                              period's ranks. PRESET: ${PERIOD_PRESETS.join(', ')}
  export ranking --setup NAME [--locale en] --out FILE.xlsx
                              the same for a saved report setup (metric, period, filters, columns,
                              comparison as saved; a preset is cut on today's date)
  export statement (--agent CODE | --cs LOGIN) --month YYYY-MM --out FILE.xlsx
                              agent statement (对账单) for a month: one agent, or one sheet per agent of a staff member
  export dormant [--as-of YYYY-MM-DD] --out FILE.xlsx      dormant agents (沉睡代理) as of a day (default today)
  export stockpiling [--as-of YYYY-MM-DD] --out FILE.xlsx  agents with a stock-piling alert (压货预警)
  export products (--from YYYY-MM-DD --to YYYY-MM-DD | --period PRESET) --out FILE.xlsx
                              product sales report for [from, to) against the previous period
                              every export takes --locale zh-CN|en (default zh-CN; --lang is the same)
  import products FILE.xlsx   create or update products by SKU from .xlsx or .csv (all rows or none; see the error report)
  backup create | list | restore NAME --yes | delete NAME --yes
                              back up the database into <data dir>/backups, list backups, replace all
                              data with one (a safety backup first; the audit log stays), delete one
  analytics rebuild           recompute every analytics rollup from the orders, after-sales cases and
                              sell-through reports (one transaction; audited)
  serve [--port P] [--empty]  web mode on http://127.0.0.1:P (default 5174); --empty: no demo on first start

Every command takes --data-dir DIR (or DROPSHIP_DATA_DIR); default: the desktop app's data folder.`;

const fail = (code: string, message: string): never => {
  process.stderr.write(`error ${code}: ${message}\n`);
  process.exit(code === 'USAGE' ? 2 : 1);
};

/** Calls a method as the local operator; a failure prints `error CODE: …` (the message and details, or `explain`'s text) and exits. */
async function callOrFail(app: App, method: string, input: unknown, explain?: (error: ApiErrorBody) => string) {
  const reply = await app.router.call(method, input, localCaller('cli'));
  if (!reply.ok) {
    process.stderr.write(`\n`);
    const { code, message, details } = reply.error;
    fail(code, explain ? explain(reply.error) : message + (details ? `\n${JSON.stringify(details, null, 2)}` : ''));
  }
  return (reply as { ok: true; data: unknown }).data;
}

/** callOrFail for a job method: the job id is added to `input` here, and its progress shown on stderr. */
async function callJob(app: App, label: string, method: string, input: object, explain?: (error: ApiErrorBody) => string) {
  const jobId = `cli-${label}-${process.pid}`;
  let last = '';
  const off = app.env.events.on((e) => {
    if (e.type !== 'progress' || e.jobId !== jobId) return;
    // One line rewritten in place, whenever the phase or the whole percent changes (a total of 0: a count so far).
    const step = `${e.phase} ${e.total ? `${Math.floor((e.done / e.total) * 100)}%` : e.done}`;
    if (step !== last) process.stderr.write(`\r${label} ${step}${e.total ? ` (${e.done}/${e.total})` : ''}   `);
    last = step;
  });
  const data = await callOrFail(app, method, { ...input, jobId }, explain);
  off();
  if (last) process.stderr.write('\n');
  return data;
}

const EXPORTS = ['ranking', 'statement', 'dormant', 'stockpiling', 'products'] as const;

/** An agent's id by its code, through agents.list (exact code match); NOT_FOUND otherwise. */
async function agentIdOf(app: App, code: string): Promise<string> {
  const page = (await callOrFail(app, 'agents.list', { search: code, pageSize: 50 })) as { rows: { id: string; code: string }[] };
  return page.rows.find((r) => r.code === code)?.id ?? fail('NOT_FOUND', `no agent with code ${code}`);
}

/** A staff member's id by login, through users.list; NOT_FOUND otherwise. */
async function staffIdOf(app: App, login: string): Promise<string> {
  const users = (await callOrFail(app, 'users.list', {})) as { id: string; login: string }[];
  return users.find((u) => u.login === login)?.id ?? fail('NOT_FOUND', `no staff account with login ${login}`);
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
      period: { type: 'string' },
      by: { type: 'string' },
      compare: { type: 'boolean' },
      setup: { type: 'string' },
      lang: { type: 'string' },
      locale: { type: 'string' },
      out: { type: 'string' },
      agent: { type: 'string' },
      cs: { type: 'string' },
      month: { type: 'string' },
      'as-of': { type: 'string' },
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
      const data = await callJob(app, 'demo', 'system.loadDemo', {
        agents: int(values.agents, 'agents'),
        orders: int(values.orders, 'orders'),
        seed: int(values.seed, 'seed'),
        until: values.until,
      });
      process.stdout.write(JSON.stringify(data) + '\n');
      await app.close();
      return;
    }
    case 'export': {
      const usage = 'export ranking|statement|dormant|stockpiling|products … --out FILE.xlsx (see --help)';
      if (!EXPORTS.includes(rest[0] as (typeof EXPORTS)[number])) fail('USAGE', usage);
      if (!values.out) fail('USAGE', '--out FILE.xlsx is required');
      if ([values.period, values.from || values.to, values.setup].filter(Boolean).length > 1) fail('USAGE', 'give one of --period, --from/--to or --setup');
      if (values.setup && (values.by || values.compare)) fail('USAGE', '--setup brings its own metric and comparison: leave out --by and --compare');
      if (values.period && !isPeriodPreset(values.period)) fail('USAGE', `--period must be one of ${PERIOD_PRESETS.join(', ')}`);
      const app = await openApp({ dataDir, demoOnEmpty: false });
      // A preset is cut on today's date in the supplier's time zone; the metric id and language are checked by the contract.
      const today = todayIn(app.env.timeZone);
      const period = () =>
        values.period && isPeriodPreset(values.period) ? { ...presetPeriod(values.period, today), preset: values.period } : { from: values.from, to: values.to };
      if (values.setup && rest[0] !== 'ranking') fail('USAGE', '--setup is for export ranking');
      // The file's language (zh-CN | en, checked by the contract); --lang is the ranking's older name for it.
      const locale = values.locale ?? values.lang;
      let method: string;
      let input: object;
      switch (rest[0]) {
        case 'statement': {
          if (!values.month || !values.agent === !values.cs) fail('USAGE', 'export statement (--agent CODE | --cs LOGIN) --month YYYY-MM --out FILE.xlsx');
          method = 'reports.exportStatement';
          input = { month: values.month, locale, ...(values.agent ? { agentId: await agentIdOf(app, values.agent) } : { csUserId: await staffIdOf(app, values.cs!) }) };
          break;
        }
        case 'dormant':
        case 'stockpiling':
          method = rest[0] === 'dormant' ? 'reports.exportDormant' : 'reports.exportStockPiling';
          input = { asOf: values['as-of'], locale };
          break;
        case 'products': {
          const { preset: _preset, ...span } = period() as { from?: string; to?: string; preset?: string };
          method = 'reports.exportProductSales';
          input = { ...span, locale };
          break;
        }
        default: {
          method = 'reports.exportRanking';
          if (values.setup) {
            const { rows } = (await callOrFail(app, 'reportSetups.list', {})) as Output<'reportSetups.list'>;
            const setup = rows.find((r) => r.name === values.setup!.trim());
            if (!setup) fail('NOT_FOUND', `no report setup named "${values.setup}"; saved setups: ${rows.map((r) => r.name).join(', ') || 'none'}`);
            input = { ...setupQuery(setup!.spec, today), setupName: setup!.name, locale };
          } else input = { ...period(), metric: values.by, compare: values.compare, locale };
        }
      }
      const res = (await callJob(app, 'export', method, input)) as { fileName: string; rows: number };
      const out = path.resolve(values.out!);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.renameSync(path.join(app.env.exportsDir, res.fileName), out);
      process.stdout.write(JSON.stringify({ out, rows: res.rows }) + '\n');
      await app.close();
      return;
    }
    case 'import': {
      const file = rest[1];
      if (rest[0] !== 'products' || !file) fail('USAGE', 'import products FILE.xlsx');
      if (!fs.existsSync(file!) || !fs.statSync(file!).isFile()) fail('NOT_FOUND', `no file at ${file}; give the path of an .xlsx workbook or a .csv file`);
      const app = await openApp({ dataDir, demoOnEmpty: false });
      // Refuse an oversized file before reading it into memory; the router checks everything else.
      const limits = await importLimits(app.env.db);
      const size = fs.statSync(file!).size;
      if (size > limits.maxFileBytes) fail('IMPORT_TOO_LARGE', fileTooLarge(size, limits).message);
      const input = { file: { name: path.basename(file!), dataBase64: fs.readFileSync(file!).toString('base64') } };
      const data = await callJob(app, 'import', 'products.import', input, (e) => {
        if (e.code !== 'IMPORT_ROW_INVALID') return e.message;
        const d = e.details as ImportRowErrors;
        for (const i of d.issues) process.stderr.write(`row ${i.row}, ${i.column}: ${i.message}\n`);
        return `${e.message}\nerror report: ${path.join(app.env.exportsDir, d.reportFile)}`;
      });
      process.stdout.write(JSON.stringify(data) + '\n');
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
      const method = `backup.${action}`;
      const data =
        action === 'list'
          ? await callOrFail(app, method, {})
          : action === 'delete'
            ? await callOrFail(app, method, { name, confirm: true })
            : await callJob(app, action!, method, action === 'create' ? {} : { name, confirm: true });
      process.stdout.write(JSON.stringify(data, null, 2) + '\n');
      await app.close();
      return;
    }
    case 'analytics': {
      if (rest[0] !== 'rebuild') fail('USAGE', 'analytics rebuild');
      const app = await openApp({ dataDir, demoOnEmpty: false });
      const data = await callJob(app, 'rebuild', 'analytics.rebuild', {});
      process.stdout.write(JSON.stringify(data) + '\n');
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
