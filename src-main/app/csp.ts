/**
 * Content-Security-Policy of the renderer, sent as a header in web mode and on Electron's app:// responses.
 * It must equal the <meta> in src-renderer/index.html (a unit test checks), the fallback where no header is set.
 * 'unsafe-inline' for styles only: naive-ui injects its CSS at run time. No script eval anywhere.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
