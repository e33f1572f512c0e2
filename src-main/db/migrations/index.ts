import type { Knex } from 'knex';
import * as m20261125000000 from './20261125000000_core_schema';
import * as m20261125120000 from './20261125120000_ranking_covering_indexes';
import * as m20261125150000 from './20261125150000_accounts_audit';
import * as m20261125180000 from './20261125180000_roles_scopes';
import * as m20261126090000 from './20261126090000_sign_in_attempts';
import * as m20261201210000 from './20261201210000_product_prices_without_rowid';
import * as m20261202090000 from './20261202090000_analytics_rollups';
import * as m20261203090000 from './20261203090000_order_events';
import * as m20261204100000 from './20261204100000_report_setups';
import * as m20261205090000 from './20261205090000_product_agent_days';

// The main process is bundled, so migrations come from this static list, in order.
// Name: <yyyymmddHHMMSS>_<name>; a unit test checks the order and uniqueness.
export const migrations: Record<string, Pick<Knex.Migration, 'up' | 'down'>> = {
  '20261125000000_core_schema': m20261125000000,
  '20261125120000_ranking_covering_indexes': m20261125120000,
  '20261125150000_accounts_audit': m20261125150000,
  '20261125180000_roles_scopes': m20261125180000,
  '20261126090000_sign_in_attempts': m20261126090000,
  '20261201210000_product_prices_without_rowid': m20261201210000,
  '20261202090000_analytics_rollups': m20261202090000,
  '20261203090000_order_events': m20261203090000,
  '20261204100000_report_setups': m20261204100000,
  '20261205090000_product_agent_days': m20261205090000,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name] as Knex.Migration,
};
