import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { readSelection, type TakeRecord } from '../../takes';
import { isSimulated } from '../../core';
import { Disposable } from '../dispose';
import { findAllTakes, readRootsFor, type TakeEntry } from '../common/take-index';
import { posterIcon } from '../common/take-posters';
import { formatUsd } from '../common/cost-text';
import type { Job, Jobs } from '../common/jobs';
import type { TakeChanges } from '../common/take-changes';
import { ago, jobProgress, statusLabel } from '../common/progress-text';
import { takeTooltip } from './take-tooltip';

type Node =
  | { kind: 'group'; id: 'running' | 'recent' | 'spend' }
  | { kind: 'job'; job: Job }
  | { kind: 'take'; entry: TakeEntry }
  | { kind: 'spend'; item: SpendRow };

const RECENT_MAX = 30;

/** A row of the Spend section. */
export interface SpendRow {
  id: string;
  label: string;
  description: string;
  /** Per-shot rows: the shot file (absolute), opened on click. */
  shotFile?: string;
  /** Per-sequence rows: the sequence file (absolute), opened on click. */
  sequenceFile?: string;
}

/** The Spend section's rows: the spend feature's (src/extension/spend), wired in at the composition root. */
export interface SpendRows {
  /** undefined: not summed yet. */
  rows(): readonly SpendRow[] | undefined;
  readonly onDidChange: vscode.Event<unknown>;
}

/** "Kling Generations": running jobs and the most recent takes of the workspace. */
export class GenerationsTree extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this.register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private recent: TakeEntry[] = [];
  /** Record paths of circled takes among `recent`. */
  private circled = new Set<string>();
  /** The posters of finished takes among `recent`, looked up once per scan, not per drawn row. */
  private posters = new Map<string, vscode.Uri>();
  private scanning: Promise<void> | undefined;
  private rescan = false;
  private readonly groups = {
    running: { kind: 'group', id: 'running' } as Node,
    recent: { kind: 'group', id: 'recent' } as Node,
    spend: { kind: 'group', id: 'spend' } as Node,
  };

  constructor(
    private readonly service: Jobs,
    takeChanges: TakeChanges,
    private readonly spend?: SpendRows,
  ) {
    super();
    if (spend) this.register(spend.onDidChange(() => this.changed.fire(this.groups.spend)));
    this.register(vscode.window.createTreeView('klingStudio.generations', { treeDataProvider: this, showCollapseAll: false }));
    this.register(service.onDidChange(() => this.changed.fire(undefined)));
    this.register(service.onDidFinish(() => this.refresh()));
    this.register(
      takeChanges.onDidChangeFile(({ uri, type }) => {
        // A take listed or gone; the circled take lives in <shot>.selection.json (written by the
        // takes panel or `kling takes select`). A record's own progress is the jobs' news.
        if ((uri.path.endsWith('.take.json') && type !== 'changed') || uri.path.endsWith('.selection.json')) void this.refresh();
      }),
    );
    // This window's news of a shot's takes, a poster the takes panel made among them (no watcher sees PNGs).
    this.register(takeChanges.onDidChange(() => void this.refresh()));
    void this.refresh();
  }

  refresh(): Promise<void> {
    if (this.scanning) {
      // News that came during a scan may be newer than what the scan read: scan once more after it.
      this.rescan = true;
      return this.scanning;
    }
    this.scanning = findAllTakes()
      .then(
        async all => {
          this.recent = all.slice(0, RECENT_MAX);
          this.circled = await circledOf(this.recent);
          this.posters = new Map(
            this.recent.flatMap(e => {
              const icon = e.record.status === 'done' ? posterIcon(e.path) : undefined;
              return icon ? [[e.path, icon] as const] : [];
            }),
          );
        },
        () => undefined,
      )
      .finally(() => {
        this.scanning = undefined;
        this.changed.fire(undefined);
        if (this.rescan) {
          this.rescan = false;
          void this.refresh();
        }
      });
    return this.scanning;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      // No children at all when there is nothing to list, so VS Code shows the view's welcome content.
      const groups = [];
      if (this.service.running.length) {
        groups.push(this.groups.running);
      }
      if (this.recent.length) {
        groups.push(this.groups.recent);
        if (this.spend) {
          groups.push(this.groups.spend);
        }
      }
      return groups;
    }
    if (node.kind === 'group' && node.id === 'spend') {
      return (this.spend?.rows() ?? []).map(item => ({ kind: 'spend', item }));
    }
    if (node.kind === 'group' && node.id === 'running') {
      return this.service.running.map(job => ({ kind: 'job', job }));
    }
    if (node.kind === 'group' && node.id === 'recent') {
      const running = new Set(this.service.running.map(j => j.recordPath));
      return this.recent.filter(e => !running.has(e.path)).map(entry => ({ kind: 'take', entry }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(
        node.id === 'running'
          ? vscode.l10n.t('Running ({0})', this.service.running.length)
          : node.id === 'spend'
            ? vscode.l10n.t('Spend')
            : vscode.l10n.t('Recent Takes'),
        vscode.TreeItemCollapsibleState.Expanded,
      );
      item.id = `group:${node.id}`;
      return item;
    }
    if (node.kind === 'job') {
      const j = node.job;
      const item = new vscode.TreeItem(shotLabel(j.shotUri.fsPath), vscode.TreeItemCollapsibleState.None);
      item.id = `job:${j.key}`;
      // The latest log line is the tooltip's, not the row's.
      item.description = jobProgress(j, false);
      item.tooltip = `${j.record?.requestId ? `${vscode.l10n.t('Request {0}', j.record.requestId)}\n` : ''}${j.lastLog ?? ''}`;
      item.iconPath = new vscode.ThemeIcon('sync~spin');
      item.contextValue = 'klingJob';
      item.command = { command: 'klingStudio.openTakes', title: vscode.l10n.t('Open Takes'), arguments: [j.shotUri] };
      return item;
    }
    if (node.kind === 'spend') {
      const item = new vscode.TreeItem(node.item.label, vscode.TreeItemCollapsibleState.None);
      item.id = `spend:${node.item.id}`;
      item.description = node.item.description;
      if (node.item.shotFile) {
        item.resourceUri = vscode.Uri.file(node.item.shotFile);
        item.command = {
          command: 'klingStudio.openTakes',
          title: vscode.l10n.t('Open Takes'),
          arguments: [vscode.Uri.file(node.item.shotFile)],
        };
      }
      if (node.item.sequenceFile) {
        item.resourceUri = vscode.Uri.file(node.item.sequenceFile);
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [vscode.Uri.file(node.item.sequenceFile)] };
      }
      item.iconPath = new vscode.ThemeIcon(node.item.shotFile ? 'file' : node.item.sequenceFile ? 'list-ordered' : 'credit-card');
      return item;
    }
    const { record: r, path } = node.entry;
    const shot = shotLabel(r.shotFile ?? path);
    const number = node.entry.number;
    const item = new vscode.TreeItem(
      number !== undefined ? vscode.l10n.t('{0} #{1}', shot, number) : shot,
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = `take:${path}`;
    const circled = this.circled.has(path);
    item.description = circled ? vscode.l10n.t('Circled · {0}', takeDescription(r)) : takeDescription(r);
    item.tooltip = new vscode.MarkdownString(takeTooltip(r));
    // A finished take shows its poster (its clip's first frame) once the takes panel has made it.
    item.iconPath = this.posters.get(path) ?? new vscode.ThemeIcon(circled ? 'star-full' : (STATUS_ICON[r.status] ?? 'circle-outline'));
    item.contextValue = r.status === 'done' ? 'klingTake.done' : 'klingTake';
    item.resourceUri = vscode.Uri.file(path);
    if (r.shotFile) {
      item.command = {
        command: 'klingStudio.openTakes',
        title: vscode.l10n.t('Open Takes'),
        arguments: [vscode.Uri.file(r.shotFile), r.id],
      };
    }
    return item;
  }
}

const STATUS_ICON: Partial<Record<TakeRecord['status'], string>> = {
  done: 'pass',
  failed: 'error',
  cancelled: 'circle-slash',
  unknown: 'question',
  queued: 'watch',
  running: 'sync',
  downloading: 'cloud-download',
  submitting: 'cloud-upload',
  reserved: 'loading',
};

/** Each shot's sidecar is read once, however many of its takes are listed. */
async function circledOf(entries: readonly TakeEntry[]): Promise<Set<string>> {
  const seen = new Map<string, Promise<string | undefined>>();
  const roots = readRootsFor();
  const out = new Set<string>();
  for (const e of entries) {
    if (!e.record.shotFile) {
      continue;
    }
    const dir = dirname(e.path);
    const key = `${dir}|${e.record.shotFile}`;
    if (!seen.has(key)) {
      seen.set(key, readSelection(dir, e.record.shotFile, { roots }));
    }
    if ((await seen.get(key)) === e.path) {
      out.add(e.path);
    }
  }
  return out;
}

function shotLabel(p: string): string {
  return (p.split(/[\\/]/).pop() ?? p).replace(/\.kling\.json$/i, '');
}

function takeDescription(r: TakeRecord): string {
  const parts = [statusLabel(r.status)];
  // What fal billed when it said so, else the estimate.
  const usd = r.billedUsd ?? r.costEstimateUsd;
  if (usd !== undefined && !isSimulated(r)) {
    parts.push(formatUsd(usd));
  }
  parts.push(ago(r.createdAt));
  return parts.join(' · ');
}
