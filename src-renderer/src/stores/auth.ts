// Who is signed in. The session itself lives in the transport (HttpOnly cookie in web mode, the main
// process in Electron); the page only knows the user and their permissions from auth.status / sign-in.
import { computed, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { Input, Permission, SessionUser } from '@contract';
import { api, ApiCallError, onSessionLost } from '@/api/client';

/** Why the sign-in screen is shown, for its message. */
export type SignInNotice = 'expired' | 'passwordChanged' | 'signedOut' | 'restored';

export const useAuthStore = defineStore('auth', () => {
  /** loading: auth.status not answered yet; error: it failed (the app shows Retry). */
  const state = ref<'loading' | 'ready' | 'error'>('loading');
  const loadError = shallowRef<unknown>(null);
  const user = ref<SessionUser | null>(null);
  const needsOwner = ref(false);
  const demoLogins = ref(false);
  /** The supplier's time zone, from auth.status: known before the first screen (the router guard waits). */
  const timeZone = ref<string | null>(null);
  const notice = ref<SignInNotice | null>(null);
  /** Login of the user whose session just ended, to prefill the sign-in form. */
  const lastLogin = ref('');

  const permissions = computed(() => new Set<Permission>(user.value?.permissions ?? []));
  /** The UI hides what the user may not do; the server enforces it anyway. */
  const can = (p: Permission) => permissions.value.has(p);

  let loading: Promise<void> | null = null;
  /** Ask the backend who is signed in on this transport; never rejects (state says how it went). */
  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        const s = await api.auth.status();
        user.value = s.user;
        needsOwner.value = s.needsOwner;
        demoLogins.value = s.demoLogins;
        timeZone.value = s.timeZone;
        loadError.value = null;
        state.value = 'ready';
      } catch (e) {
        loadError.value = e;
        if (state.value !== 'ready') state.value = 'error';
      } finally {
        loading = null;
      }
    })();
    return loading;
  }
  let loaded: Promise<void> | null = null;
  /** The first load, shared by the router guard and the start-up screen. */
  const ensureLoaded = () => (loaded ??= load());

  /** Refresh the user (e.g. after one's own roles changed); an ended session shows sign-in. */
  async function refresh(): Promise<void> {
    const s = await api.auth.status();
    needsOwner.value = s.needsOwner;
    demoLogins.value = s.demoLogins;
    timeZone.value = s.timeZone;
    if (s.user) user.value = s.user;
    else endSession('expired');
  }

  function signedIn(u: SessionUser) {
    notice.value = null;
    needsOwner.value = false;
    user.value = u;
  }
  async function signIn(input: Input<'auth.signIn'>): Promise<void> {
    signedIn((await api.auth.signIn(input)).user);
  }
  /** Creates the owner account on an empty start; the owner is then signed in. */
  async function setupOwner(input: Input<'auth.setupOwner'>): Promise<void> {
    signedIn((await api.auth.setupOwner(input)).user);
  }

  async function signOut(): Promise<void> {
    try {
      await api.auth.signOut();
    } catch (e) {
      // Already signed out (expired meanwhile) is fine; anything else leaves the user signed in.
      if (!(e instanceof ApiCallError && e.code === 'UNAUTHENTICATED')) throw e;
    }
    endSession('signedOut');
  }

  /** The session is over: forget the user; the router shows the sign-in screen with `reason`. */
  function endSession(reason: SignInNotice) {
    if (!user.value) return;
    notice.value = reason;
    lastLogin.value = reason === 'signedOut' ? '' : user.value.login;
    user.value = null;
  }

  // Any call answered UNAUTHENTICATED while someone was signed in: the session ended elsewhere. Ask the
  // backend again: when the accounts are gone too (data cleared with the demo accounts) the owner set-up shows.
  onSessionLost(() => {
    endSession('expired');
    void load();
  });

  return {
    state,
    loadError,
    user,
    needsOwner,
    demoLogins,
    timeZone,
    notice,
    lastLogin,
    can,
    load,
    ensureLoaded,
    refresh,
    signIn,
    setupOwner,
    signOut,
    endSession,
  };
});

export type AuthStore = ReturnType<typeof useAuthStore>;
