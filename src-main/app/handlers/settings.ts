import { auditActor, type AreaHandlers } from '../router';
import { appendAudit } from '../../domain/accounts/audit';
import { AUDIT_TARGETS } from '../../domain/accounts/auditSubjects';
import { readEditableSettings, updateEditableSettings } from '../../domain/system/editableSettings';

export const settingsHandlers: AreaHandlers<'settings.get' | 'settings.update'> = {
  'settings.get': async (_i, env) => readEditableSettings(env.db),
  'settings.update': async (patch, env, caller) => {
    const { settings, changes } = await updateEditableSettings(env.db, patch);
    if (Object.keys(changes).length) await appendAudit(env.db, { ...auditActor(caller), action: 'settings_change', target: AUDIT_TARGETS.settings, details: changes });
    return settings;
  },
};
