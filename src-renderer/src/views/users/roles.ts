// Roles as the accounts screens show them: built-in ones with translated names, custom ones with the
// name they were saved under; permissions grouped by area for the role editor.
import type { useI18n } from 'vue-i18n';
import { PERMISSIONS, type Permission, type StaffRole } from '@contract';
import { renderTag } from '@/components/tags';

type I18n = Pick<ReturnType<typeof useI18n>, 't' | 'te'>;

export function roleName({ t, te }: I18n, code: string, roles: readonly StaffRole[] = []): string {
  if (te(`roles.${code}`)) return t(`roles.${code}`);
  return roles.find((r) => r.code === code)?.name ?? code;
}

/** Options for the role picker: every role there is, built-in first. */
export const roleOptions = (i: I18n, roles: readonly StaffRole[]) => roles.map((r) => ({ label: roleName(i, r.code, roles), value: r.code }));

export const renderRoleTags = (i: I18n, codes: readonly string[], roles: readonly StaffRole[]) =>
  codes.map((code) => renderTag(roleName(i, code, roles), code === 'admin' ? 'warning' : 'info'));

/** Permissions by area (the part before the dot), in contract order, for the role editor's groups. */
export function permissionGroups(): { area: string; permissions: Permission[] }[] {
  const groups = new Map<string, Permission[]>();
  for (const p of PERMISSIONS) {
    const area = p.split('.')[0]!;
    groups.set(area, [...(groups.get(area) ?? []), p]);
  }
  return [...groups].map(([area, permissions]) => ({ area, permissions }));
}
