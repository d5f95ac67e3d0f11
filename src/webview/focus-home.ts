// Focus never rests on <body> when VS Code gives a webview the focus: on opening, the view's heading
// (marked data-focus-home) takes it; coming back from a dialog or a picker (Export Cut…, Compare…),
// the control the user last had. A screen reader then says where the user is, and Tab goes on from
// there instead of from the top of an unnamed page.
import { adoptCss } from './adopt-css';
import css from './focus-home.css';

adoptCss(css);

let last: HTMLElement | undefined;

// The target is retargeted to the shadow host: a vscode-button is remembered as itself.
document.addEventListener('focusin', e => {
  if (e.target instanceof HTMLElement && e.target !== document.body) {
    last = e.target;
  }
});

function resting(): boolean {
  const a = document.activeElement;
  return !a || a === document.body || a === document.documentElement;
}

/**
 * Puts focus on the last control the user had (still on the page) or on the view's home, when the
 * page has the focus but no element holds it. Views call it after drawing, because VS Code focuses
 * a new webview before its content arrives.
 */
export function settleFocus(): void {
  if (!document.hasFocus() || !resting()) {
    return;
  }
  const target = last?.isConnected ? last : document.querySelector<HTMLElement>('[data-focus-home]');
  // No scroll: the home is at the top, and the control returned to was on screen when it was left.
  target?.focus({ preventScroll: true });
}

// VS Code focuses the webview's window when its tab is opened or shown again and when a dialog in
// front of it closes.
window.addEventListener('focus', () => settleFocus());
