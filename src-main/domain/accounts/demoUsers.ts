import { DEMO_LOGINS, DEMO_PASSWORD } from '@contract';
import type { Db } from '../../db/open';
import { getSetting, setSetting } from '../system/settings';
import { createUser, hasUsers } from './users';

/** With demo data on a database without accounts: one account per built-in role, documented password. */
export async function ensureDemoUsers(db: Db): Promise<void> {
  if (await hasUsers(db)) return;
  for (const d of DEMO_LOGINS) await createUser(db, { login: d.login, name: d.name, password: DEMO_PASSWORD, roles: [d.role] });
  await setSetting(db, 'demoLogins', true);
}

/** Starting empty removes the demo accounts too; with no account left the next screen asks for the owner. */
export async function removeDemoUsers(db: Db): Promise<void> {
  if (!(await getSetting(db, 'demoLogins'))) return;
  await db('users').whereIn('login', DEMO_LOGINS.map((d) => d.login)).delete();
  await setSetting(db, 'demoLogins', false);
}
