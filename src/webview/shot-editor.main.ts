// Shot editor webview entry: renders what the host sends and sends intents back; holds no truth.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { ToWebview, type DocumentMessage } from '../shared/messages';
import { post, getState, setState, adoptCss } from './vscode-api';
import './shot-editor/prompt-field';
import { ShotEditorApp } from './shot-editor/app';
import { ShotStore } from './shot-editor/store';
import css from './shot-editor.css';

adoptCss(css);
const app = new ShotEditorApp();
const store = new ShotStore(post, () => app.requestUpdate());
app.store = store;
document.getElementById('app')!.replaceChildren(app);

let firstPaint = true;
function show(doc: DocumentMessage): void {
  store.receive(doc);
  if (firstPaint) {
    firstPaint = false;
    void app.updateComplete.then(() => requestAnimationFrame(() => {
      const ms = performance.now();
      document.body.dataset.firstPaintMs = ms.toFixed(1);
      post({ type: 'painted', version: doc.version, ms });
    }));
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = ToWebview.safeParse(event.data);
  if (!parsed.success) { console.warn('shot editor: dropped an invalid message', parsed.error.message); return; }
  const msg = parsed.data;
  switch (msg.type) {
    case 'document': setState(msg); show(msg); break;
    case 'intentFailed': store.failed(msg.seq, msg.message); break;
    case 'focus': app.focusPath(msg.path); break;
  }
});

// Restore at once from the last state (tab hidden and shown), then ask the host for anything newer.
const saved = getState<DocumentMessage>();
const restored = saved && ToWebview.safeParse(saved).success ? saved : undefined;
if (restored) { show(restored); }
post({ type: 'ready', version: restored?.version });
