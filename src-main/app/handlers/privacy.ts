import { auditActor, scopeOf, type AreaHandlers } from '../router';
import { revealValue } from '../../domain/accounts/reveal';

export const privacyHandlers: AreaHandlers<'pii.reveal'> = {
  'pii.reveal': async (target, env, caller) => ({ value: await revealValue(env.db, target, auditActor(caller), scopeOf(caller)) }),
};
