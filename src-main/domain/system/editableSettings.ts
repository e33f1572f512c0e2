// The settings an admin edits in 设置 → 安全 (session idle time, import limits); ranges live in the contract.
import { AUDIT_TARGETS } from '../accounts/auditSubjects';
import { EDITABLE_SETTING_KEYS, type EditableSettings } from '@contract';
import type { Db } from '../../db/open';
import type { WriteContext } from '../common/context';
import { audit } from '../accounts/audit';
import { getSetting, setSetting } from './settings';

export async function readEditableSettings(db: Db): Promise<EditableSettings> {
  const out = {} as EditableSettings;
  for (const k of EDITABLE_SETTING_KEYS) out[k] = await getSetting(db, k);
  return out;
}

/** Apply a partial change, audited with what changed as { key: [before, after] }; returns the settings after it. */
export async function updateEditableSettings(ctx: WriteContext, patch: Partial<EditableSettings>): Promise<EditableSettings> {
  const before = await readEditableSettings(ctx.trx);
  const changes: Record<string, [number, number]> = {};
  for (const k of EDITABLE_SETTING_KEYS) {
    const v = patch[k];
    if (v === undefined || v === before[k]) continue;
    await setSetting(ctx.trx, k, v);
    changes[k] = [before[k], v];
  }
  if (Object.keys(changes).length) await audit(ctx, { action: 'settings_change', target: AUDIT_TARGETS.settings, details: changes });
  return { ...before, ...patch };
}
