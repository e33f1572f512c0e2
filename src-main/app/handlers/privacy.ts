import type { AreaHandlers } from '../router';
import { revealValue } from '../../domain/accounts/reveal';

export const privacyHandlers: AreaHandlers<'pii.reveal'> = {
  'pii.reveal': async (target, ctx) => ({ value: await revealValue(ctx, target) }),
};
