// Opening a web page in the user's browser, from a click only: the desktop app asks the main process
// (which allows http(s) and needs the click's user activation); web mode opens a new tab without opener.
export async function openExternal(url: string): Promise<boolean> {
  if (window.dropship) return window.dropship.openExternal(url);
  window.open(url, '_blank', 'noopener,noreferrer'); // with noopener it returns null even when it opened
  return true;
}

/** Courier tracking page for a tracking number (kuaidi100 recognises the carrier from the number). */
export const trackingUrl = (trackingNo: string) => `https://m.kuaidi100.com/result.jsp?nu=${encodeURIComponent(trackingNo)}`;
