// Shot editor webview: renders what the host sends; sends intents back. Holds no truth of its own.
import { ToWebview } from '../shared/messages';
import { post, getState, setState, adoptCss } from './vscode-api';
import css from './shot-editor.css';

type Doc = Extract<ToWebview, { type: 'document' }>;

adoptCss(css);
const app = document.getElementById('app')!;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function render(doc: Doc): void {
  const reopen = el('button', { className: 'secondary', textContent: 'Reopen as Text', title: 'Open this file in the text editor' });
  reopen.addEventListener('click', () => post({ type: 'reopenAsText' }));
  const list = el('ul', { className: 'diagnostics', id: 'diagnostics' });
  for (const d of doc.diagnostics) {
    const item = el('li', { className: d.severity, tabIndex: 0, textContent: `Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}: ${d.message}` });
    const reveal = () => post({ type: 'revealRange', range: d.range });
    item.addEventListener('click', reveal);
    item.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); reveal(); } });
    list.append(item);
  }
  app.replaceChildren(
    el('header', {}, el('h1', { id: 'title', textContent: doc.fileName }), reopen),
    list,
    el('pre', { id: 'content', textContent: doc.text }),
  );
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = ToWebview.safeParse(event.data);
  if (!parsed.success) { console.warn('shot editor: dropped an invalid message', parsed.error.message); return; }
  const msg = parsed.data;
  if (msg.type === 'document') {
    setState(msg);
    render(msg);
  }
});

// Restore instantly from the last state (tab hidden and shown), then ask the host for anything newer.
const saved = getState<Doc>();
if (saved && saved.type === 'document') { render(saved); }
post({ type: 'ready', version: saved?.version });
