import { keepSelectAllInTextFields } from './select-all';

// The one acquireVsCodeApi() call of a webview (it may be called only once per page).
const api = acquireVsCodeApi<unknown>();
// Every page imports this module: Ctrl+A in its text fields stays the page's (see select-all.ts).
keepSelectAllInTextFields(window);

/** The page's post to the host, typed with its message union from src/shared: `poster<FromTakes>()`. */
export function poster<T>(): (msg: T) => void {
  return msg => api.postMessage(msg);
}
export function getState<T>(): T | undefined {
  return api.getState() as T | undefined;
}
export function setState<T>(state: T): void {
  api.setState(state);
}

export { adoptCss } from './adopt-css';
