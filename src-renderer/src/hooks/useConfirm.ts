// A warning dialog as a promise: true only when the user pressed the confirming button (Esc cancels).
import { useDialog, type ButtonProps } from 'naive-ui';
import { useI18n } from 'vue-i18n';

export interface ConfirmOptions {
  title: string;
  content: string;
  positiveText: string;
}

export function useConfirm() {
  const dialog = useDialog();
  const { t } = useI18n();
  return (o: ConfirmOptions) =>
    new Promise<boolean>((resolve) => {
      dialog.warning({
        ...o,
        negativeText: t('common.cancel'),
        autoFocus: true,
        closeOnEsc: true,
        // Test hooks on the two buttons; naive-ui passes unknown props on to the <button>.
        positiveButtonProps: { 'data-testid': 'confirm-ok' } as ButtonProps,
        negativeButtonProps: { 'data-testid': 'confirm-cancel' } as ButtonProps,
        onPositiveClick: () => resolve(true),
        onNegativeClick: () => resolve(false),
        onClose: () => resolve(false),
        onMaskClick: () => resolve(false),
        onEsc: () => resolve(false),
        onAfterLeave: () => resolve(false),
      });
    });
}
