import type { AreaHandlers } from '../router';
import { readEditableSettings, updateEditableSettings } from '../../domain/system/editableSettings';

export const settingsHandlers: AreaHandlers<'settings.get' | 'settings.update'> = {
  'settings.get': async (_i, env) => readEditableSettings(env.db),
  'settings.update': async (patch, ctx) => updateEditableSettings(ctx, patch),
};
