import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, localCaller, type App } from '../../../src-main/app/open';
import { ChangeSet } from '../../../src-main/domain/ledger/changes';
import type { ApiErrorBody, Input, MethodName, Output } from '@contract';
import type { Db } from '../../../src-main/db/open';
import type { WriteContext } from '../../../src-main/domain/common/context';
import { ALL_AGENTS } from '../../../src-main/domain/common/scope';

export function tempDir(prefix = 'dropship-unit-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real app (SQLite file in a temp dir, migrations run) without demo data. */
export async function openTempApp(): Promise<App & { dir: string }> {
  const dir = tempDir();
  const app = await openApp({ dataDir: dir, demoOnEmpty: false, log: () => undefined });
  return Object.assign(app, { dir });
}

/** Call through the router as the local user; throws with the error code when the reply is not ok. */
export async function call<M extends MethodName>(app: App, method: M, input: Input<M>): Promise<Output<M>> {
  const reply = await app.router.call(method, input, localCaller('test'));
  if (!reply.ok) throw Object.assign(new Error(`${reply.error.code}: ${reply.error.message}`), { body: reply.error });
  return reply.data as Output<M>;
}

/**
 * Runs a domain write as the router runs a `mutates` method: in one transaction, with a context (the local
 * operator, every agent, Asia/Shanghai and Date.now unless given).
 */
export function inWrite<T>(db: Db, fn: (ctx: WriteContext) => Promise<T>, over: Partial<Omit<WriteContext, 'trx'>> = {}): Promise<T> {
  return db.transaction((trx) =>
    fn({ trx, actor: { userId: 'local', userLogin: 'local' }, scope: ALL_AGENTS, timeZone: 'Asia/Shanghai', now: Date.now, changes: new ChangeSet(), ...over }),
  );
}

/** The error body of a `call` that must fail. */
export async function errorOf(p: Promise<unknown>): Promise<ApiErrorBody> {
  try {
    await p;
  } catch (e) {
    return (e as { body: ApiErrorBody }).body;
  }
  throw new Error('expected the call to fail');
}

/** A temp app holding only the hand-made dataset of tests/fixtures/handmade.ts. */
export async function openHandmadeApp() {
  const { seedHandmade } = await import('../../fixtures/handmade');
  const app = await openTempApp();
  await app.env.db('agent_levels').delete();
  await seedHandmade(app.env.db);
  return app;
}
