import type { Level } from '@contract';
import type { Db } from '../../db/open';
import { newId } from '../common/ids';

/** Levels an empty database starts with, so prices can be set before a level editor exists. */
const DEFAULT_LEVELS = [
  { code: 'L1', name: '体验代理', rank: 1 },
  { code: 'L2', name: '银牌代理', rank: 2 },
  { code: 'L3', name: '金牌代理', rank: 3 },
  { code: 'L4', name: '总代理', rank: 4 },
];

export async function listLevels(db: Db): Promise<Level[]> {
  return db('agent_levels').select('id', 'code', 'name', 'rank').orderBy('rank');
}

export async function ensureDefaultLevels(db: Db, now = Date.now()): Promise<void> {
  if (await db('agent_levels').first('id')) return;
  await db('agent_levels').insert(DEFAULT_LEVELS.map((l) => ({ id: newId(), ...l, created_at: now, updated_at: now })));
}
