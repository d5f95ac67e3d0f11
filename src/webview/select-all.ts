// Ctrl+A (Cmd+A) in a text field selects the field's text, as in any page, and VS Code must not hear
// the key. The webview forwards every key it does not keep to the workbench, whose select-all
// answers with an `execCommand('selectAll')` sent back to the page: it lands a moment later, after
// the first characters typed over the selection, selects them, and the next key replaces them.
// Keeping the key from the forwarder (a capture listener on the window runs before its listener)
// leaves the browser's own select-all, which happens at once.

/** A field where Ctrl+A means "all of this text": a textarea, a text-like input, or editable content. */
function isTextField(target: EventTarget | undefined): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return /^(text|search|url|email|tel|password|number)$/.test(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

/** The select-all key: Ctrl+A, or Cmd+A on macOS, without other modifiers. */
export function isSelectAll(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return e.key.toLowerCase() === 'a' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
}

export function keepSelectAllInTextFields(win: Window): void {
  win.addEventListener(
    'keydown',
    e => {
      // composedPath()[0]: the field itself, also inside a shadow root (vscode-textfield's input).
      if (isSelectAll(e) && isTextField(e.composedPath()[0])) e.stopPropagation();
    },
    { capture: true },
  );
}
