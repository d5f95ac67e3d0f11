// The one acquireVsCodeApi() call of a webview (it may be called only once per page).
import type { FromWebview } from '../shared/messages';

const api = acquireVsCodeApi<unknown>();

export function post(msg: FromWebview): void {
  api.postMessage(msg);
}
export function getState<T>(): T | undefined {
  return api.getState() as T | undefined;
}
export function setState<T>(state: T): void {
  api.setState(state);
}

/** Adopt a stylesheet without a <style> element, so the CSP needs no 'unsafe-inline'. */
export function adoptCss(css: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
