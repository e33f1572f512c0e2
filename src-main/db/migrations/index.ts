import type { Knex } from 'knex';
import * as m20261125000000 from './20261125000000_core_schema';

// The main process is bundled, so migrations come from this static list, in order.
// Name: <yyyymmddHHMMSS>_<name>; a unit test checks the order and uniqueness.
export const migrations: Record<string, Pick<Knex.Migration, 'up' | 'down'>> = {
  '20261125000000_core_schema': m20261125000000,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name] as Knex.Migration,
};
