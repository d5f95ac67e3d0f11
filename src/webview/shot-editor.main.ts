// Shot editor webview entry: renders what the host sends and sends intents back; holds no truth.
import './l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { DocumentMessage, SetupMessage, ToWebview, type FromWebview } from '../shared/messages';
import { poster, getState, setState, adoptCss } from './vscode-api';
import './shot-editor/prompt-field';
import { ShotEditorApp } from './shot-editor/app';
import { ShotStore } from './shot-editor/store';
import css from './shot-editor.css';

// Timing marks for the open → first paint measurement (read by the UI test, logged by the host).
const marks: Record<string, number> = { script: performance.now() };
const mark = (name: string) => {
  marks[name] ??= performance.now();
  document.body.dataset.marks = JSON.stringify(marks);
};

adoptCss(css);
const post = poster<FromWebview>();
const app = new ShotEditorApp();
const store = new ShotStore(post, () => app.requestUpdate());
app.store = store;
document.getElementById('app')!.replaceChildren(app);

// The host holds prompt typing until a pause (one undo step per pause); leaving the prompt, or the
// page, is a pause too, so the text is in the document before the user acts elsewhere.
document.addEventListener('focusout', e => {
  if (e.target instanceof HTMLTextAreaElement) {
    store.flushTyping();
  }
});
window.addEventListener('blur', () => store.flushTyping());

let firstPaint = true;
function show(doc: DocumentMessage): void {
  store.receive(doc);
  if (firstPaint) {
    firstPaint = false;
    void app.updateComplete.then(() =>
      requestAnimationFrame(() => {
        const ms = performance.now();
        mark('paint');
        // Where the time before our script went: the fetch of this bundle through the webview's service worker.
        const entry = performance.getEntriesByType('resource').find(e => e.name.includes('shot-editor.main.js')) as
          PerformanceResourceTiming | undefined;
        if (entry) {
          marks.scriptFetchStart = entry.startTime;
          marks.scriptFetchEnd = entry.responseEnd;
          mark('paint');
        }
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        if (nav) {
          marks.htmlEnd = nav.responseEnd;
          marks.domInteractive = nav.domInteractive;
          mark('paint');
        }
        document.body.dataset.firstPaintMs = ms.toFixed(1);
        post({ type: 'painted', version: doc.version, ms });
      }),
    );
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = ToWebview.safeParse(event.data);
  if (!parsed.success) {
    console.warn('shot editor: dropped an invalid message', parsed.error.message);
    return;
  }
  const msg = parsed.data;
  switch (msg.type) {
    case 'setup':
      mark('setup');
      store.receiveSetup(msg);
      saveState();
      break;
    case 'document':
      mark('document');
      show(msg);
      saveState();
      break;
    case 'intentFailed':
      store.failed(msg.seq, msg.message);
      break;
    case 'focus':
      app.focusPath(msg.path, msg.seq);
      break;
    case 'sync':
      post({ type: 'synced', id: msg.id });
      break;
    case 'circledTake':
      store.receiveCircled(msg);
      break;
  }
});

interface SavedState {
  setup: SetupMessage;
  doc: DocumentMessage;
}
function saveState(): void {
  if (store.setup && store.doc) {
    setState<SavedState>({ setup: store.setup, doc: store.doc });
  }
}

// Restore at once from the last state (tab hidden and shown), then ask the host for anything newer.
const saved = getState<SavedState>();
const restored = saved && SetupMessage.safeParse(saved.setup).success && DocumentMessage.safeParse(saved.doc).success ? saved : undefined;
if (restored) {
  store.receiveSetup(restored.setup);
  show(restored.doc);
}
post({ type: 'ready', version: restored?.doc.version });
mark('ready');
