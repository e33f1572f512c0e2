// Roles as the accounts screens show them: the built-in ones (src-main/domain/accounts/roles.ts) with
// translated names; a custom role (stored in the database) shows its code.
import type { useI18n } from 'vue-i18n';
import { renderTag } from '@/components/tags';

export const BUILTIN_ROLES = ['admin', 'cs', 'manager', 'warehouse'] as const;

type I18n = Pick<ReturnType<typeof useI18n>, 't' | 'te'>;

export const roleName = ({ t, te }: I18n, code: string) => (te(`roles.${code}`) ? t(`roles.${code}`) : code);

/** Options for the role picker: the built-in roles, plus any other code already in use. */
export function roleOptions(i: I18n, inUse: readonly string[] = []) {
  const codes = [...BUILTIN_ROLES, ...inUse.filter((c) => !(BUILTIN_ROLES as readonly string[]).includes(c))];
  return [...new Set(codes)].map((code) => ({ label: roleName(i, code), value: code }));
}

export const renderRoleTags = (i: I18n, roles: readonly string[]) =>
  roles.map((code) => renderTag(roleName(i, code), code === 'admin' ? 'warning' : 'info'));
