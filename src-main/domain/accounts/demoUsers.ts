import { DEMO_LOGINS, DEMO_PASSWORD } from '@contract';
import type { Db } from '../../db/open';
import { getSetting, setSetting } from '../system/settings';
import { hashPassword } from './password';
import { createUser, hasUsers } from './users';

/**
 * With demo data on a database without accounts: one account per built-in role, documented password. The
 * demo cs clerk works in a data scope, so every fourth agent is assigned to them (again after a demo reload).
 */
export async function ensureDemoUsers(db: Db): Promise<void> {
  if (!(await hasUsers(db))) {
    const passwordHash = await hashPassword(DEMO_PASSWORD); // once: the documented password is the same for all
    for (const d of DEMO_LOGINS)
      await createUser(db, { login: d.login, name: d.name, passwordHash, roles: [d.role], agentScope: d.role === 'cs' ? 'assigned' : 'all' });
    await setSetting(db, 'demoLogins', true);
  }
  if (!(await getSetting(db, 'demoLogins'))) return;
  const cs = await db('users').where({ login: DEMO_LOGINS.find((d) => d.role === 'cs')!.login }).first('id');
  if (cs) await db('agents').whereNull('cs_user_id').whereRaw('rowid % 4 = 0').update({ cs_user_id: cs.id });
}

/** Starting empty removes the demo accounts too; with no account left the next screen asks for the owner. */
export async function removeDemoUsers(db: Db): Promise<void> {
  if (!(await getSetting(db, 'demoLogins'))) return;
  await db('users').whereIn('login', DEMO_LOGINS.map((d) => d.login)).delete();
  await setSetting(db, 'demoLogins', false);
}
