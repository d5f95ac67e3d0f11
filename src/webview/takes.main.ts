// The takes panel: the clip player and the take list of one shot file. It renders what the host
// sends and posts intents; nothing here touches the disk.
import './l10n';
import { ToTakes, type FromTakes } from '../shared/takes-messages';
import css from './takes.css';
import { answerLastFrame } from './takes/last-frame';
import { TakesApp } from './takes/takes-app';
import { TakesModel } from './takes/takes-model';
import { adoptCss, poster } from './vscode-api';

adoptCss(css);
const post = poster<FromTakes>();
const app = new TakesApp();
const model = new TakesModel(post, () => app.requestUpdate());
app.model = model;
document.getElementById('app')!.replaceChildren(app);

window.addEventListener('message', ev => {
  const parsed = ToTakes.safeParse(ev.data);
  if (!parsed.success) {
    console.warn('takes panel: dropped an invalid message', parsed.error.message);
    return;
  }
  const msg = parsed.data;
  if (msg.type === 'grabLastFrame') {
    // Not waited for: it answers the host itself, with the frame or why there is none.
    void answerLastFrame(msg, post);
  } else if (msg.type === 'busy') {
    model.setBusy(msg.id, msg.what);
  } else {
    model.receive(msg);
  }
});

post({ type: 'ready' });
