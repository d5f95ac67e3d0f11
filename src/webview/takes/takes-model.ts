// What the takes panel shows: the last list the host sent, the take selected and what is kept with
// setState (the shot, the selection, the player's time) so a reload comes back to the same place.
// It holds no truth of its own: every action leaves as an intent to the host.
import { TakesPanelState, type FromTakes, type TakeView, type ToTakes } from '../../shared/takes-messages';
import { getState, setState } from '../vscode-api';

export type TakesMessage = Extract<ToTakes, { type: 'takes' }>;

export class TakesModel {
  takes: TakeView[] = [];
  /** Undefined until the host's first list. */
  shotName: string | undefined;
  pinned = false;
  desktop = false;
  systemPlayer = false;
  /** What a take is busy with (making its MP3 copy), by id. */
  readonly busy = new Map<string, string>();
  /** The list's filter: takes rated at least this (0: any), and only the circled take. */
  minRating = 0;
  circledOnly = false;
  /** The next clip put in the player just landed: it starts muted (browsers block sound on autoplay). */
  autoplayNext = false;
  private state: TakesPanelState;

  constructor(
    readonly post: (msg: FromTakes) => void,
    private readonly changed: () => void,
  ) {
    const initial = JSON.parse(document.body.dataset.initial ?? '{}') as { shotUri?: string };
    const saved = TakesPanelState.safeParse(getState());
    const stored = saved.success ? saved.data : undefined;
    this.state = { ...(stored ?? { shotUri: initial.shotUri ?? '' }), shotUri: initial.shotUri ?? stored?.shotUri ?? '' };
    // The serializer restores a panel only if the webview stored state at least once.
    setState(this.state);
  }

  get selectedId(): string | undefined {
    return this.state.selected;
  }

  get selected(): TakeView | undefined {
    return this.takes.find(t => t.id === this.state.selected);
  }

  /** The takes the filter lets through, in the host's order. */
  get shownTakes(): TakeView[] {
    return this.takes.filter(t => (!this.circledOnly || t.circled) && (this.minRating === 0 || (t.rating ?? 0) >= this.minRating));
  }

  setFilter(f: { minRating?: number; circledOnly?: boolean }): void {
    this.minRating = f.minRating ?? this.minRating;
    this.circledOnly = f.circledOnly ?? this.circledOnly;
    this.changed();
  }

  /** Where the player was when the page went away (restored once the clip has loaded). */
  get savedTime(): number | undefined {
    return this.state.currentTime;
  }

  receive(msg: TakesMessage): void {
    if (msg.shotUri && msg.shotUri !== this.state.shotUri) {
      // The panel now follows another shot: what is restored after a reload follows too.
      this.state = { shotUri: msg.shotUri };
      setState(this.state);
    }
    this.pinned = msg.pinned ?? false;
    this.takes = msg.takes;
    this.desktop = msg.desktop;
    this.systemPlayer = msg.systemPlayer ?? false;
    this.shotName = msg.shotName;
    if (msg.select && this.takes.some(t => t.id === msg.select)) {
      this.select(msg.select, false);
      this.autoplayNext = !!msg.autoplay;
    }
    if (!this.selected) {
      const first = this.takes.find(t => t.clipSrc) ?? this.takes[0];
      if (first) {
        this.select(first.id, false);
      } else {
        delete this.state.selected;
      }
    }
    this.changed();
  }

  /** A take chosen in the list (`notify`), or by the host. */
  select(id: string, notify = true): void {
    if (this.state.selected !== id) {
      this.state = { shotUri: this.state.shotUri, selected: id };
      setState(this.state);
    }
    if (notify) {
      this.autoplayNext = false;
      this.post({ type: 'select', id });
      this.changed();
    }
  }

  setBusy(id: string, what: string | null): void {
    if (what) {
      this.busy.set(id, what);
    } else {
      this.busy.delete(id);
    }
    this.changed();
  }

  savePlayerTime(t: number): void {
    this.state = { ...this.state, currentTime: t };
    setState(this.state);
  }
}
