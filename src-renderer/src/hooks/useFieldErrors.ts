// Error texts at form fields (account forms, the product editor): required checks done here,
// VALIDATION_FAILED issues from the server mapped to the field their path names and translated by their
// code, every other error above the form. An error goes away as soon as its field changes.
import { reactive, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FieldIssue } from '@contract';
import { ApiCallError } from '@/api/client';
import { describeError } from '@/hooks/useShowError';
import { fieldIssueText, type IssueField } from '@/components/fieldIssue';

export interface FieldErrorOptions<K extends string> {
  /** Server issue → its field (null: shown above the form). Default: the path's head, when the form has it. */
  fieldOf?: (issue: FieldIssue) => K | null;
  /** How messages name a field. Default: its label under account.fields, else its key. */
  field?: (k: K) => IssueField;
  /** A field's current value; its error goes when this changes. Default: the form property. */
  fieldValue?: (k: K) => unknown;
}

/** What `fb` spreads onto an n-form-item. */
export interface FieldFeedback {
  feedback: string | undefined;
  validationStatus: 'error' | undefined;
}

export function useFieldErrors<F extends object, K extends string = keyof F & string>(
  form: F,
  options: FieldErrorOptions<K> = {},
) {
  const { t, te } = useI18n();
  const errors = reactive<Partial<Record<K, string>>>({}) as Partial<Record<K, string>>;
  /** Errors that belong to no field, shown above the form. */
  const general = ref<string[]>([]);
  const snapshot = new Map<K, string>();
  const fieldValue = options.fieldValue ?? ((k: K) => (form as Record<string, unknown>)[k]);
  const valueOf = (k: K) => JSON.stringify(fieldValue(k));
  const fieldNamed = options.field ?? ((k: K) => ({ label: te(`account.fields.${k}`) ? t(`account.fields.${k}`) : k }));
  const defaultFieldOf = (issue: FieldIssue): K | null => {
    const head = issue.path.split('.')[0] ?? '';
    return head && head in form ? (head as K) : null;
  };

  function set(k: K, text: string) {
    errors[k] = text;
    snapshot.set(k, valueOf(k));
  }
  function clear() {
    for (const k of Object.keys(errors) as K[]) delete errors[k];
    general.value = [];
  }
  const hasErrors = () => Object.keys(errors).length > 0;
  watch(
    () => ({ ...form }),
    () => {
      for (const k of Object.keys(errors) as K[]) if (snapshot.get(k) !== valueOf(k)) delete errors[k];
    },
    { deep: true },
  );

  /** Puts each issue at its field; the rest into `general`. */
  function applyIssues(issues: FieldIssue[], fieldOf = options.fieldOf ?? defaultFieldOf) {
    const rest: string[] = [];
    for (const issue of issues) {
      const field = fieldOf(issue);
      if (field) set(field, fieldIssueText(issue, t, fieldNamed(field)));
      else rest.push(fieldIssueText(issue, t));
    }
    general.value = rest;
  }

  /** A failed save: VALIDATION_FAILED issues at their fields, any other error above the form. */
  function applyError(e: unknown, fieldOf?: (issue: FieldIssue) => K | null) {
    if (e instanceof ApiCallError && e.code === 'VALIDATION_FAILED') applyIssues(e.issues, fieldOf);
    else general.value = [describeError(e, t)];
  }

  /** A new password and its repetition: `requiredText` at the first when empty, else they must match. */
  function checkPasswordPair(password: K, repeat: K, requiredText: string) {
    const values = form as Record<string, unknown>;
    if (!values[password]) set(password, requiredText);
    else if (values[repeat] !== values[password]) set(repeat, t('account.passwordsDiffer'));
  }

  /** Spread onto an n-form-item: its feedback and red state. */
  const fb = (k: K): FieldFeedback => ({ feedback: errors[k], validationStatus: errors[k] ? 'error' : undefined });

  return { errors, general, set, clear, hasErrors, applyIssues, applyError, checkPasswordPair, fb };
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
