import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callerFromSession } from '../../src-main/app/session';
import { createUser, signIn } from '../../src-main/domain/accounts/users';
import { openTempApp } from './helpers/tempApp';

let app: Awaited<ReturnType<typeof openTempApp>>;
beforeAll(async () => {
  app = await openTempApp();
  await createUser(app.env.db, { login: 'jingli', name: '经理', password: 'jingli-pass-1', roles: ['manager'] });
});
afterAll(() => app.close());

describe('sessions while a long job holds the database', () => {
  it('answer a cancel from the remembered session, while other calls wait for the database', async () => {
    const { token } = await signIn(app.env.db, { login: 'jingli', password: 'jingli-pass-1', persistent: false });
    expect((await callerFromSession(app.env, 'http', token)).user?.login).toBe('jingli'); // now remembered
    const later = vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_000); // long past the 5 s the memory is trusted

    // An export or a restore: one transaction on the only connection, for as long as it runs.
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const job = app.env.db.transaction(async () => {
      started();
      await new Promise<void>((r) => (release = r));
    });
    await running;
    try {
      let listed = false;
      const list = callerFromSession(app.env, 'http', token, 'products.list').then((c) => ((listed = true), c));
      const cancel = await callerFromSession(app.env, 'http', token, 'jobs.cancel'); // would hang here if it needed the database
      expect(cancel.user?.login).toBe('jingli');
      expect(listed).toBe(false);
      release();
      await job;
      expect((await list).user?.login).toBe('jingli');
    } finally {
      later.mockRestore();
    }
  });
});
