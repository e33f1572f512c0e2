import type { Page } from 'playwright';

/**
 * Notes, in the page, for each call of `method` from now on, whether the table `tableTestId` already existed
 * when it was asked for; the returned function reads those notes. A screen whose first page the router asks
 * for at the sidebar click shows `[false]`: one call, before the table mounted (the screen used its reply).
 */
export async function noteAskedBeforeMount(page: Page, method: string, tableTestId: string): Promise<() => Promise<boolean[]>> {
  await page.evaluate(
    ([m, id]) => {
      const w = window as unknown as { fetch: typeof fetch; __asked: boolean[]; __unwrappedFetch?: typeof fetch };
      const send = (w.__unwrappedFetch ??= w.fetch.bind(window));
      w.__asked = [];
      w.fetch = (input, init) => {
        if (String(input).endsWith(`/api/call/${m}`)) w.__asked.push(!!document.querySelector(`[data-testid="${id}"]`));
        return send(input, init);
      };
    },
    [method, tableTestId] as const,
  );
  return () => page.evaluate(() => (window as unknown as { __asked: boolean[] }).__asked);
}
