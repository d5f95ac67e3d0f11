// The compare view: two takes' clips side by side, played in step, and what differs between their
// requests. It renders what the host sends; it sends "ready" and each column's Circle intent.
import './l10n';
import { ToCompare, type FromCompare } from '../shared/compare-messages';
import css from './compare.css';
import { CompareApp } from './compare/compare-app';
import { adoptCss, poster } from './vscode-api';

adoptCss(css);
const post = poster<FromCompare>();
const app = new CompareApp();
app.post = post;
document.getElementById('app')!.replaceChildren(app);

window.addEventListener('message', ev => {
  const parsed = ToCompare.safeParse(ev.data);
  if (!parsed.success) {
    console.warn('compare view: dropped an invalid message', parsed.error.message);
    return;
  }
  app.msg = parsed.data;
});
post({ type: 'ready' });
