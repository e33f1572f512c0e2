// Error texts at form fields for the account forms (sign-in, owner set-up, password, users): required
// checks done here, VALIDATION_FAILED issues from the server mapped to the field named by their path.
// An error goes away as soon as its field changes.
import { reactive, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FieldIssue } from '@contract';

// Contract messages (src-main/contract/accounts.ts) that have a translation under account.issues.
const KNOWN_MESSAGES: Record<string, string> = {
  'login: 2–32 letters, digits, dot, dash or underscore': 'loginFormat',
  'password: at least 8 characters': 'passwordShort',
  'choose at least one role': 'rolesRequired',
};

export function useFieldErrors<F extends object>(form: F, pathToField: Record<string, keyof F & string> = {}) {
  type K = keyof F & string;
  const { t } = useI18n();
  const errors = reactive<Partial<Record<K, string>>>({}) as Partial<Record<K, string>>;
  /** Errors that belong to no field, shown above the form. */
  const general = ref<string[]>([]);
  const snapshot = new Map<K, string>();
  const valueOf = (k: K) => JSON.stringify(form[k]);

  function set(k: K, text: string) {
    errors[k] = text;
    snapshot.set(k, valueOf(k));
  }
  function clear() {
    for (const k of Object.keys(errors) as K[]) delete errors[k];
    general.value = [];
  }
  watch(
    () => ({ ...form }),
    () => {
      for (const k of Object.keys(errors) as K[]) if (snapshot.get(k) !== valueOf(k)) delete errors[k];
    },
    { deep: true },
  );

  const issueText = (message: string) => (KNOWN_MESSAGES[message] ? t(`account.issues.${KNOWN_MESSAGES[message]}`) : message);

  /** Puts each issue at its field (path head, or renamed through pathToField); the rest into `general`. */
  function applyIssues(issues: FieldIssue[]) {
    const rest: string[] = [];
    for (const issue of issues) {
      const head = issue.path.split('.')[0] ?? '';
      const field = pathToField[head] ?? (head in form ? (head as K) : null);
      const text = issueText(issue.message);
      if (field) set(field, text);
      else rest.push(issue.path ? `${issue.path}: ${text}` : text);
    }
    general.value = rest;
  }

  /** Spread onto an n-form-item: its feedback and red state. */
  const fb = (k: K) => ({ feedback: errors[k], validationStatus: errors[k] ? ('error' as const) : undefined });

  return { errors, general, set, clear, applyIssues, fb };
}

/** Enter in a one-line field submits (not while an IME is composing). */
export function enterSubmits(submit: () => unknown) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.isComposing || e.keyCode === 229) return;
    if ((e.target as HTMLElement).tagName !== 'INPUT') return;
    e.preventDefault();
    void submit();
  };
}
