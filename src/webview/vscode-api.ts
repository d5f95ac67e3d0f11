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

export { adoptCss } from './adopt-css';
