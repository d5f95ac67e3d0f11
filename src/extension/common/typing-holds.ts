// A shot editor holds prompt typing until a pause (one undo step per pause). Commands that read the
// shot file (Generate on Ctrl/Cmd+Enter right after typing, Estimate Cost, Show Request Body) apply
// that text first, so they never send or price a prompt without its last word.
import type * as vscode from 'vscode';

type Settle = () => Promise<void>;

const holders = new Map<string, Set<Settle>>();

/** Registers an editor of `uri` that may hold typing; dispose when the editor closes. */
export function holdTyping(uri: vscode.Uri, settle: Settle): vscode.Disposable {
  const key = uri.toString();
  const set = holders.get(key) ?? new Set<Settle>();
  set.add(settle);
  holders.set(key, set);
  return {
    dispose: () => {
      set.delete(settle);
      if (set.size === 0 && holders.get(key) === set) {
        holders.delete(key);
      }
    },
  };
}

/** Resolves once every editor of `uri` has applied the typing it held. */
export async function settleTyping(uri: vscode.Uri): Promise<void> {
  await Promise.all([...(holders.get(uri.toString()) ?? [])].map(settle => settle()));
}
