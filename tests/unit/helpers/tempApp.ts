import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, localCaller, type App } from '../../../src-main/app/open';
import type { ApiErrorBody, Input, MethodName, Output } from '@contract';

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
