import type * as vscode from 'vscode';

/** How long a save or a command waits for a page's answer before going on with what it has. */
export const PAGE_SYNC_LIMIT_MS = 2000;

/**
 * Asks a page for an answer and resolves once it arrives, so everything the page sent before it
 * has arrived too. VS Code hands a key pressed in a webview (Ctrl+S, Ctrl+Enter) to the workbench
 * straight away, while the page's own messages wait their turn in the frame's message queue: on a
 * busy machine a save or a Generate ran before the last keystrokes had reached the host, and wrote
 * or sent the prompt without its last word. A page that is not listening is not waited for, and a
 * page that does not answer is waited for only up to the limit.
 */
export class PageSync implements vscode.Disposable {
  private next = 0;
  private readonly waiting = new Map<number, () => void>();

  constructor(
    private readonly post: (msg: { type: 'sync'; id: number }) => Promise<boolean>,
    private readonly listening: () => boolean,
    private readonly limitMs = PAGE_SYNC_LIMIT_MS,
  ) {}

  /** Resolves once the page has answered (never rejects). */
  request(): Promise<void> {
    if (!this.listening()) {
      return Promise.resolve();
    }
    const id = ++this.next;
    return new Promise<void>(resolve => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve();
      };
      const timer = setTimeout(done, this.limitMs);
      this.waiting.set(id, done);
      void this.post({ type: 'sync', id }).then(delivered => {
        if (!delivered) {
          done();
        }
      });
    });
  }

  /** The page's answer to request `id`. */
  answered(id: number): void {
    this.waiting.get(id)?.();
  }

  dispose(): void {
    for (const done of [...this.waiting.values()]) {
      done();
    }
  }
}
