// Every failed call ends here: the translated code (errors.<CODE>) plus what the server said.
import { useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { ApiCallError } from '@/api/client';
import { useAuthStore } from '@/stores/auth';
import { fieldIssueText } from '@/components/fieldIssue';

type T = ReturnType<typeof useI18n>['t'];

export function describeError(e: unknown, t: T): string {
  if (!(e instanceof ApiCallError)) return `${t('errors.INTERNAL')}: ${e instanceof Error ? e.message : String(e)}`;
  const reason = t(`errors.${e.code}`);
  // CANCELLED needs no detail: the translated text already says everything.
  if (e.code === 'CANCELLED') return reason;
  if (e.code === 'FORBIDDEN') {
    const permission = (e.details as { permission?: string } | undefined)?.permission;
    return permission ? `${reason}（${t('errorDetail.permission', { permission })}）` : reason;
  }
  if (e.code === 'VALIDATION_FAILED' && e.issues.length > 0) {
    return `${reason}: ${e.issues.map((i) => fieldIssueText(i, t)).join('; ')}`;
  }
  return e.message ? `${reason} — ${t('errorDetail.server', { message: e.message })}` : reason;
}

/** Shows an error as a message toast; returns the function so views call `showError(e)`. */
export function useShowError() {
  const message = useMessage();
  const { t } = useI18n();
  const auth = useAuthStore();
  return (e: unknown) => {
    // The session ended: the sign-in screen that replaces the page says so (client.ts → auth store).
    if (e instanceof ApiCallError && e.code === 'UNAUTHENTICATED' && !auth.user) return;
    message.error(describeError(e, t), { duration: 8000, closable: true, keepAliveOnHover: true });
  };
}
