// The selected take beside the player: a note when its audio cannot be played here, its details
// (prompt, status, cost, times, every setting of its request, its media) and its buttons.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { TakeView } from '../../shared/takes-messages';
import * as l10n from '@vscode/l10n';
import { button, keyed, type KeyedButton } from './button';
import { mediaThumbs } from './media-thumbs';
import { phaseLine } from './phase-times';
import { reviewView } from './take-review-view';
import { progressText, when } from './take-text';
import type { TakesModel } from './takes-model';

export interface DetailsContext {
  readonly model: TakesModel;
  /** Draw again after something only the page knows changed (a thumbnail failed to load). */
  rerender(): void;
}

export function takeInfo(t: TakeView, ctx: DetailsContext): TemplateResult {
  return html`${t.audio?.unsupported ? audioNote(t, ctx.model) : nothing}${details(t, ctx)}`;
}

function audioNote(t: TakeView, model: TakesModel): TemplateResult {
  const codec = t.audio?.codec?.toUpperCase() ?? '';
  const text = t.mp3Src
    ? l10n.t("Playing a copy with MP3 audio: this clip's audio is {0}, which VS Code's built-in player cannot play.", codec)
    : l10n.t("This clip's audio is {0}, which VS Code's built-in player cannot play: the picture plays without sound here.", codec);
  const busy = model.busy.get(t.id);
  const copy =
    !t.mp3Src && t.audio?.mp3Copy === 'can-make'
      ? button(busy ?? l10n.t('Make a Copy with MP3 Audio'), () => model.post({ type: 'makeMp3Copy', id: t.id }), {
          focus: 'mp3',
          disabled: busy !== undefined,
          title: l10n.t('Uses ffmpeg: the video is copied as is, only the audio is re-encoded. Saved beside the take.'),
        })
      : !t.mp3Src && t.audio?.mp3Copy === 'unavailable'
        ? html`<span class="hint">${l10n.t('Install ffmpeg (or set klingStudio.ffmpegPath) to get a playable copy.')}</span>`
        : nothing;
  return html`<div class="audio-note" role="note">
    <p>${text}</p>
    <div class="actions">${playerButton(t, model, 'primary').view}${copy}</div>
  </div>`;
}

function details(t: TakeView, ctx: DetailsContext): TemplateResult {
  const cost = t.simulated
    ? t.atFalUsd !== undefined
      ? l10n.t('free (simulator) · at fal prices: {0}', `$${t.atFalUsd.toFixed(2)}`)
      : l10n.t('free (simulator)')
    : t.costUsd !== undefined
      ? `$${t.costUsd.toFixed(2)}`
      : undefined;
  const billed = t.billedUsd !== undefined ? `$${t.billedUsd.toFixed(2)}${t.billingNote ? ` (${t.billingNote})` : ''}` : undefined;
  const rows: [string, string | undefined][] = [
    [l10n.t('Take'), t.number !== undefined ? `#${t.number}` : undefined],
    [l10n.t('Status'), progressText(t)],
    [l10n.t('Endpoint'), t.endpoint],
    [l10n.t('Duration'), t.durationS !== undefined ? l10n.t('{0} s', t.durationS) : undefined],
    [l10n.t('Aspect'), t.aspect],
    [l10n.t('Cost (est.)'), cost],
    [l10n.t('Billed'), billed],
    [l10n.t('Request id'), t.requestId],
    [l10n.t('Clip'), t.details?.clip],
    ...(t.details?.times ?? [{ what: l10n.t('Created'), at: t.createdAt }]).map((x): [string, string] => [x.what, when(x.at)]),
    [l10n.t('Time per phase'), phaseLine(t.details?.phases)],
    [l10n.t('Error'), t.error],
  ];
  const settings = t.details?.settings ?? [];
  const buttons = actions(t, ctx.model);
  return html`<div class="details">
    <p class="prompt">${t.prompt || l10n.t('(no prompt)')}</p>
    <dl>
      ${rows
        .filter(([, v]) => v)
        .map(
          ([k, v]) =>
            html`<dt>${k}</dt>
              <dd>${v}</dd>`,
        )}
    </dl>
    ${reviewView(t, ctx.model)}
    ${
      // Every setting the request carried (negative prompt, audio, cfg scale, elements, media…).
      settings.length
        ? html`<h2 class="settings-heading">${l10n.t('Settings of this take')}</h2>
            <dl class="settings">
              ${settings.map(
                s =>
                  html`<dt>${s.key}</dt>
                    <dd>${s.value}</dd>`,
              )}
            </dl>`
        : nothing
    }
    ${mediaThumbs(t.details?.media, ctx.rerender)}
    <div class="actions">
      ${repeat(
        buttons,
        b => b.key,
        b => b.view,
      )}
    </div>
  </div>`;
}

/** The buttons of a take, each keyed by its focus key (so focus follows it when others come and go). */
function actions(t: TakeView, model: TakesModel): KeyedButton[] {
  const post = model.post;
  if (t.running) {
    return [keyed('cancel', l10n.t('Cancel'), () => post({ type: 'cancel', id: t.id }))];
  }
  const out: KeyedButton[] = [];
  if (t.status === 'done' && model.takes.filter(x => x.status === 'done').length > 1) {
    out.push(keyed('compare', l10n.t('Compare…'), () => post({ type: 'compare', id: t.id })));
  }
  out.push(
    keyed('use-settings', l10n.t('Use These Settings'), () => post({ type: 'useSettings', id: t.id }), {
      title: l10n.t("Write this take's request into the shot file (one edit: Undo brings the file back)"),
    }),
    keyed('regenerate-take', l10n.t('Regenerate This Take'), () => post({ type: 'regenerateTake', id: t.id }), {
      title: l10n.t("Generate again with this take's settings (asks first when the shot file has changed since)"),
    }),
  );
  if (t.status === 'done') {
    // A toggle: its pressed state is the circle; the host writes it beside the takes.
    out.push(
      keyed(
        'circle',
        t.circled ? l10n.t('Circled') : l10n.t('Circle Take'),
        () => post({ type: 'circle', id: t.id, circled: !t.circled }),
        {
          kind: t.circled ? 'primary' : undefined,
          pressed: !!t.circled,
          title: t.circled
            ? l10n.t('This is the take you keep for this shot. Press to uncircle it.')
            : l10n.t('Mark this as the take you keep for this shot'),
        },
      ),
    );
  }
  if (t.clipSrc && t.status === 'done') {
    out.push(
      keyed('continue-last-frame', l10n.t('Continue from Last Frame'), () => post({ type: 'continueFromLastFrame', id: t.id }), {
        title: l10n.t("Save this clip's last frame as a PNG in refs/ and make it the first frame of the next shot"),
      }),
    );
  }
  if (t.clipSrc) {
    if (!t.audio?.unsupported) {
      out.push(playerButton(t, model));
    }
    out.push(keyed('reveal', model.desktop ? l10n.t('Reveal') : l10n.t('Reveal in Explorer'), () => post({ type: 'reveal', id: t.id })));
  }
  if (t.requestId) {
    out.push(keyed('copy-request-id', l10n.t('Copy Request Id'), () => post({ type: 'copyRequestId', id: t.id })));
  }
  out.push(keyed('delete', l10n.t('Move to Trash…'), () => post({ type: 'delete', id: t.id }), { kind: 'danger' }));
  return out;
}

/** Open in System Player where one can work; elsewhere (browser, remote) Save Clip As…. */
function playerButton(t: TakeView, model: TakesModel, kind?: 'primary'): KeyedButton {
  return model.systemPlayer
    ? keyed('open-external', l10n.t('Open in System Player'), () => model.post({ type: 'openExternal', id: t.id }), { kind })
    : keyed('save-clip', l10n.t('Save Clip As…'), () => model.post({ type: 'saveClipAs', id: t.id }), { kind });
}
