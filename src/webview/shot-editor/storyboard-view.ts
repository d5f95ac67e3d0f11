// Prompt or storyboard: the mode switch, the single prompt, the shots with their controls, and the
// timeline whose segments are proportional to the shot durations against the total duration.
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { PromptInputDetail } from './prompt-field';
import type { Path } from './store';
import { fieldId, inlineDiags, referenceCounts, type ViewCtx } from './view-context';
import { DEFAULT_SECONDS, secondsOr, writeSeconds } from './seconds';
import * as l10n from '@vscode/l10n';

/** Limits come from core's field metadata and the endpoint's duration rule (sent by the host). */
function limits(ctx: ViewCtx) {
  const rule = ctx.form.duration;
  return {
    promptMax: ctx.field('prompt')?.maxLength ?? 2500,
    shotPromptMax: ctx.field('multi_prompt[].prompt')?.maxLength ?? 512,
    // Kling 4.0's schema sets no cap on shots (core's storyboard edits agree); V3 and O3 take 6.
    maxShots: ctx.field('multi_prompt')?.maxItems ?? (rule.form === 'integer' ? Number.POSITIVE_INFINITY : 6),
    shotSeconds: Array.from({ length: rule.max }, (_, i) => i + 1),
  };
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function promptField(ctx: ViewCtx, path: Path, max: number, label: string, placeholder: string) {
  const value = ctx.store.value(path);
  return html`<kling-prompt
      .value=${typeof value === 'string' ? value : ''}
      .max=${max}
      .refs=${referenceCounts(ctx)}
      .fieldId=${fieldId(path)}
      .label=${label}
      .placeholder=${placeholder}
      .disabled=${ctx.readOnly}
      data-path=${JSON.stringify(path)}
      @prompt-input=${(e: CustomEvent<PromptInputDetail>) => ctx.store.set(path, e.detail.value)}
    ></kling-prompt>
    ${inlineDiags(ctx, ctx.diags(path))}`;
}

/** The prompt's placeholder names the references this endpoint has ("@Element1, @Image1"). */
function promptPlaceholder(ctx: ViewCtx): string {
  const refs = ctx.form.references.map(r => `@${r}1`);
  return refs.length ? l10n.t('Describe the clip. Type @ to refer to an input: {0}.', refs.join(', ')) : l10n.t('Describe the clip.');
}

export function promptSection(ctx: ViewCtx) {
  if (!ctx.form.prompt && !ctx.form.storyboard) {
    return nothing;
  }
  const shots = ctx.store.value(['multi_prompt']);
  const storyboard = shots !== undefined && ctx.form.storyboard;
  const mode = (m: 'single' | 'storyboard') => () => {
    if ((m === 'storyboard') !== storyboard) {
      ctx.store.intent({ kind: 'setMode', mode: m });
    }
  };
  // An endpoint without a storyboard (motion control) has no mode to switch.
  const motion = !ctx.form.storyboard;
  // A radio group: one tab stop (the checked radio), the arrow keys move the choice, as native radios do.
  const onModeKey = (e: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key) || ctx.readOnly) {
      return;
    }
    e.preventDefault();
    const next = (e.currentTarget as HTMLElement).id === 'mode-single' ? 'storyboard' : 'single';
    mode(next)();
    ((e.currentTarget as HTMLElement).parentElement?.querySelector(`#mode-${next}`) as HTMLElement | null)?.focus();
  };
  return html`<section class="prompt-section" aria-labelledby="prompt-heading">
    <div class="section-head">
      <h2 id="prompt-heading">${storyboard ? l10n.t('Storyboard') : l10n.t('Prompt')}</h2>
      ${
        motion
          ? nothing
          : html`<div class="segmented" role="radiogroup" aria-label=${l10n.t('Prompt mode')}>
              <button
                type="button"
                role="radio"
                id="mode-single"
                aria-checked=${storyboard ? 'false' : 'true'}
                tabindex=${storyboard ? -1 : 0}
                ?disabled=${ctx.readOnly}
                @click=${mode('single')}
                @keydown=${onModeKey}
              >
                ${l10n.t('Single prompt')}
              </button>
              <button
                type="button"
                role="radio"
                id="mode-storyboard"
                aria-checked=${storyboard ? 'true' : 'false'}
                tabindex=${storyboard ? 0 : -1}
                ?disabled=${ctx.readOnly}
                @click=${mode('storyboard')}
                @keydown=${onModeKey}
              >
                ${l10n.t('Storyboard')}
              </button>
            </div>`
      }
    </div>
    ${
      storyboard && !motion
        ? storyboardView(ctx, Array.isArray(shots) ? shots : [])
        : html` <label class="field-label" for=${fieldId(['prompt'])}>${l10n.t('Prompt')}</label>
            ${promptField(ctx, ['prompt'], limits(ctx).promptMax, l10n.t('Prompt'), promptPlaceholder(ctx))}`
    }
  </section>`;
}

function storyboardView(ctx: ViewCtx, shots: unknown[]) {
  const { store } = ctx;
  const rule = ctx.form.duration;
  // A duration fal would refuse (5 where V3 wants "5", 40 s) is unknown here, not 0 s: its own fix says what to write.
  const durations = shots.map((s, i) => secondsOr(isObj(s) ? store.value(['multi_prompt', i, 'duration']) : undefined, rule, 'shot'));
  const known = durations.every((d): d is number => d !== undefined);
  const sum = known ? durations.reduce((a, b) => a + b, 0) : undefined;
  const total = secondsOr(store.value(['duration']), rule, 'total');
  const { maxShots } = limits(ctx);
  const full = shots.length >= maxShots;
  return html` ${timeline(ctx, durations, sum, total)} ${inlineDiags(ctx, ctx.diags(['multi_prompt']))}
    <ol class="shots" aria-label=${l10n.t('Shots')}>
      ${shots.map((_, i) => shotCard(ctx, i, shots.length, durations[i], full))}
    </ol>
    <div class="row">
      <vscode-button
        id="add-shot"
        secondary
        ?disabled=${full || ctx.readOnly}
        @click=${() => store.intent({ kind: 'addShot' }, ['multi_prompt', shots.length, 'prompt'])}
        title=${
          full
            ? l10n.t('A storyboard has at most {0} shots', maxShots)
            : sum !== undefined && sum >= rule.max
              ? l10n.t('The clip is at {0} s, the most it can be: the new shot takes half of the longest shot (Alt+Insert)', rule.max)
              : l10n.t('Add a shot at the end (Alt+Insert)')
        }
        >${l10n.t('+ Add shot')}</vscode-button
      >
      <span class="muted"
        >${
          Number.isFinite(maxShots)
            ? l10n.t('{0} / {1} shots', shots.length, maxShots)
            : shots.length === 1
              ? l10n.t('1 shot')
              : l10n.t('{0} shots', shots.length)
        }</span
      >
    </div>`;
}

function shotCard(ctx: ViewCtx, i: number, count: number, secs: number | undefined, full: boolean) {
  const { store } = ctx;
  const base: Path = ['multi_prompt', i];
  const dPath: Path = [...base, 'duration'];
  // After a remove, focus goes to the shot that takes this one's place (the next), or the new last one.
  const afterRemove: Path = ['multi_prompt', Math.min(i, count - 2), 'prompt'];
  const move = (to: number) => store.intent({ kind: 'moveShot', from: i, to }, [...base.slice(0, 1), to, 'prompt']);
  const onKey = (e: KeyboardEvent) => {
    // Keyboard reordering without leaving the shot: Alt+↑/↓ move, Alt+Shift+↓ duplicate, Alt+Delete remove.
    if (!e.altKey) {
      return;
    }
    if (e.key === 'ArrowUp' && !e.shiftKey && i > 0) {
      e.preventDefault();
      move(i - 1);
    } else if (e.key === 'ArrowDown' && !e.shiftKey && i < count - 1) {
      e.preventDefault();
      move(i + 1);
    } else if (e.key === 'ArrowDown' && e.shiftKey && !full) {
      e.preventDefault();
      store.intent({ kind: 'duplicateShot', index: i }, ['multi_prompt', i + 1, 'prompt']);
    } else if (e.key === 'Delete' && count > 1) {
      e.preventDefault();
      store.intent({ kind: 'removeShot', index: i }, afterRemove);
    } else if (e.key === 'Insert' && !full) {
      e.preventDefault();
      store.intent({ kind: 'addShot', index: i + 1 }, ['multi_prompt', i + 1, 'prompt']);
    }
  };
  const durVal = store.value(dPath);
  return html`<li
    class="shot"
    data-index=${i}
    aria-label=${
      secs === undefined
        ? l10n.t('Shot {0}, duration not valid', i + 1)
        : secs === 1
          ? l10n.t('Shot {0}, 1 second', i + 1)
          : l10n.t('Shot {0}, {1} seconds', i + 1, secs)
    }
    @keydown=${onKey}
  >
    <div class="shot-head">
      <span class=${`shot-badge c${i % 6}`}>${l10n.t('Shot {0}', i + 1)}</span>
      <label class="inline" for=${fieldId(dPath)}>${l10n.t('Duration')}</label>
      <vscode-single-select
        id=${fieldId(dPath)}
        class="shot-duration"
        .value=${String(durVal ?? DEFAULT_SECONDS)}
        ?disabled=${ctx.readOnly}
        @change=${(e: Event) => store.set(dPath, writeSeconds(Number((e.target as HTMLSelectElement).value), ctx.form.duration))}
        .label=${l10n.t('Shot {0} duration', i + 1)}
      >
        ${limits(ctx).shotSeconds.map(
          d =>
            html`<vscode-option value=${String(d)} ?selected=${String(d) === String(durVal ?? DEFAULT_SECONDS)}
              >${l10n.t('{0} s', d)}</vscode-option
            >`,
        )}
      </vscode-single-select>
      <span class="spacer"></span>
      <div class="shot-tools" role="toolbar" aria-label=${l10n.t('Shot {0} actions', i + 1)}>
        <button
          type="button"
          class="icon"
          title=${l10n.t('Move up (Alt+↑)')}
          aria-label=${l10n.t('Move shot {0} up', i + 1)}
          ?disabled=${i === 0 || ctx.readOnly}
          @click=${() => move(i - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          class="icon"
          title=${l10n.t('Move down (Alt+↓)')}
          aria-label=${l10n.t('Move shot {0} down', i + 1)}
          ?disabled=${i === count - 1 || ctx.readOnly}
          @click=${() => move(i + 1)}
        >
          ↓
        </button>
        <button
          type="button"
          class="icon"
          title=${l10n.t('Copy this shot below it (Alt+Shift+↓)')}
          aria-label=${l10n.t('Copy shot {0}', i + 1)}
          ?disabled=${full || ctx.readOnly}
          @click=${() => store.intent({ kind: 'duplicateShot', index: i }, ['multi_prompt', i + 1, 'prompt'])}
        >
          ${l10n.t('Copy')}
        </button>
        <button
          type="button"
          class="icon danger"
          title=${l10n.t('Remove (Alt+Delete)')}
          aria-label=${l10n.t('Remove shot {0}', i + 1)}
          ?disabled=${count === 1 || ctx.readOnly}
          @click=${() => store.intent({ kind: 'removeShot', index: i }, afterRemove)}
        >
          ✕
        </button>
      </div>
    </div>
    ${inlineDiags(ctx, [...ctx.diags(base), ...ctx.diags(dPath)])}
    ${promptField(ctx, [...base, 'prompt'], limits(ctx).shotPromptMax, l10n.t('Shot {0} prompt', i + 1), l10n.t('What happens in this shot'))}
  </li>`;
}

/** Sets a style property through the CSSOM (allowed by the CSP, unlike a style attribute). */
const grow = (n: number) =>
  ref(el => {
    if (el) {
      (el as HTMLElement).style.flexGrow = String(n);
    }
  });
const leftPct = (p: number) =>
  ref(el => {
    if (el) {
      (el as HTMLElement).style.left = `${p}%`;
    }
  });

function timeline(ctx: ViewCtx, durations: (number | undefined)[], sum: number | undefined, total: number | undefined) {
  // A shot whose duration is not valid still gets a second of width, so it stays visible and clickable.
  const widths = durations.map(d => d ?? 1);
  const span = Math.max(
    widths.reduce((a, b) => a + b, 0),
    total ?? 0,
    1,
  );
  const mismatch = sum !== undefined && total !== undefined && sum !== total;
  const unknown = l10n.t('not valid');
  const secs = (n: number | undefined) => (n === undefined ? unknown : l10n.t('{0} s', n));
  return html`<div class="timeline-wrap">
    <div
      class=${`timeline ${mismatch ? 'mismatch' : ''}`}
      id="timeline"
      role="group"
      aria-label=${l10n.t('Timeline: shots add up to {0} of {1}', secs(sum), secs(total))}
    >
      ${durations.map(
        (d, i) =>
          html` <div class=${`segment c${i % 6}`} ${grow(widths[i]!)} title=${l10n.t('Shot {0}: {1}', i + 1, secs(d))}>
              <span>${d === undefined ? l10n.t('{0} · ?', i + 1) : l10n.t('{0} · {1}s', i + 1, d)}</span>
            </div>
            ${i < durations.length - 1 && d !== undefined && durations[i + 1] !== undefined ? handle(ctx, i, widths, span) : nothing}`,
      )}
      ${mismatch && sum < total ? html`<div class="segment gap" ${grow(total - sum)} title=${l10n.t('{0} s not covered by any shot', total - sum)}><span>${l10n.t('−{0}s', total - sum)}</span></div>` : nothing}
      ${mismatch && sum > total ? html`<div class="overflow-marker" ${leftPct((total / span) * 100)} title=${l10n.t('duration is {0} s', total)}></div>` : nothing}
    </div>
    <div class="timeline-legend">
      <span>${l10n.t('Shots:')} <strong>${secs(sum)}</strong></span>
      <span>${l10n.t('Duration:')} <strong>${secs(total)}</strong></span>
      ${
        mismatch
          ? html`<span class="mismatch-text" role="status"
                >${sum > total ? l10n.t('{0} s too long', sum - total) : l10n.t('{0} s short', total - sum)}</span
              >
              ${fitButton(ctx)}`
          : nothing
      }
    </div>
  </div>`;
}

/**
 * The shot-sum problem's preferred fix beside the timeline: the text editor's own quick fix (the
 * diagnostic carries it from core), not a second idea of what fits.
 */
function fitButton(ctx: ViewCtx) {
  const d = ctx.doc.diagnostics.find(x => x.code === 'kling.shot-duration-sum');
  const fix = d?.fixes?.find(f => f.preferred) ?? d?.fixes?.[0];
  if (!d || !fix) {
    return nothing;
  }
  return html`<vscode-button
    secondary
    id="fit-duration"
    aria-label=${l10n.t('Timeline: {0}', fix.title)}
    ?disabled=${ctx.readOnly}
    @click=${() => ctx.store.intent({ kind: 'quickFix', code: d.code, path: d.path, title: fix.title })}
    >${fix.title}</vscode-button
  >`;
}

/** The boundary between shot i and i+1: drag it, or focus it and use ←/→, to move seconds across. */
function handle(ctx: ViewCtx, i: number, durations: number[], span: number) {
  const resize = (delta: number) => {
    if (delta !== 0) {
      ctx.store.intent({ kind: 'resizeShots', index: i, delta });
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') {
      e.preventDefault();
      resize(-1);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowUp') {
      e.preventDefault();
      resize(1);
    }
  };
  const onPointerDown = (e: PointerEvent) => {
    if (ctx.readOnly) {
      return;
    }
    const el = e.currentTarget as HTMLElement;
    const bar = el.parentElement!;
    const pxPerSecond = bar.getBoundingClientRect().width / span;
    const startX = e.clientX;
    const prev = el.previousElementSibling as HTMLElement;
    const next = el.nextElementSibling as HTMLElement;
    const a = durations[i]!,
      b = durations[i + 1]!;
    let delta = 0;
    el.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => {
      delta = Math.max(1 - a, Math.min(b - 1, Math.round((ev.clientX - startX) / pxPerSecond)));
      // Preview locally while dragging; the file changes once, on release.
      prev.style.flexGrow = String(a + delta);
      next.style.flexGrow = String(b - delta);
      el.setAttribute('aria-valuenow', String(a + delta));
    };
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      resize(delta);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };
  return html`<div
    class="handle"
    role="separator"
    tabindex=${ctx.readOnly ? -1 : 0}
    aria-orientation="vertical"
    aria-label=${l10n.t('Boundary between shot {0} and {1}: ←/→ moves one second', i + 1, i + 2)}
    aria-valuemin="1"
    aria-valuemax=${durations[i]! + durations[i + 1]! - 1}
    aria-valuenow=${durations[i]!}
    @keydown=${onKey}
    @pointerdown=${onPointerDown}
  ></div>`;
}
