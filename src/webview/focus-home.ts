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

function focusIfResting(target: HTMLElement | null | undefined): void {
  const a = document.activeElement;
  if (document.hasFocus() && (!a || a === document.body || a === document.documentElement)) {
    // No scroll: the home is at the top, and the control returned to was on screen when it was left.
    target?.focus({ preventScroll: true });
  }
}

const home = () => document.querySelector<HTMLElement>('[data-focus-home]');

/**
 * Puts focus on the view's home while nothing on the page has had it yet. Views call it after
 * drawing, because VS Code focuses a new webview before its content arrives. Once the user has been
 * in the page, the page's own code decides where focus goes within it.
 */
export function settleFocus(): void {
  if (last === undefined) {
    focusIfResting(home());
  }
}

// VS Code focuses the webview's window when its tab is opened or shown again and when a dialog in
// front of it closes: back to the control the user had, if it is still there.
window.addEventListener('focus', () => focusIfResting(last?.isConnected ? last : home()));
