// The settings an admin edits in 设置 → 安全 (session idle time, import limits); ranges live in the contract.
import { EDITABLE_SETTING_KEYS, type EditableSettings } from '@contract';
import type { Db } from '../../db/open';
import { getSetting, setSetting } from './settings';

export async function readEditableSettings(db: Db): Promise<EditableSettings> {
  const out = {} as EditableSettings;
  for (const k of EDITABLE_SETTING_KEYS) out[k] = await getSetting(db, k);
  return out;
}

/** Apply a partial change in one transaction; returns the settings after it and what changed as { key: [before, after] }. */
export async function updateEditableSettings(
  db: Db,
  patch: Partial<EditableSettings>,
): Promise<{ settings: EditableSettings; changes: Record<string, [number, number]> }> {
  return db.transaction(async (trx) => {
    const before = await readEditableSettings(trx);
    const changes: Record<string, [number, number]> = {};
    for (const k of EDITABLE_SETTING_KEYS) {
      const v = patch[k];
      if (v === undefined || v === before[k]) continue;
      await setSetting(trx, k, v);
      changes[k] = [before[k], v];
    }
    return { settings: { ...before, ...patch }, changes };
  });
}
