import * as vscode from 'vscode';
import { priceTake } from '../../takes/price';
import type { ShotAnalysisService } from '../analysis/shot-analysis-service';
import { Disposable } from '../dispose';
import { configuredPrices } from '../common/prices';
import type { ProviderService } from '../provider/provider-service';
import { readSelection } from '../../takes';
import { outputDirOf, readRootsFor, takesForShot } from '../common/take-index';
import { describeCost, formatUsd } from '../common/cost-text';
import type { Jobs } from '../common/jobs';
import type { TakeChanges } from '../common/take-changes';
import { SETTING_KEYS } from '../settings/definitions';
import { onDidChangeSetting } from '../settings/settings';

/** "▶ Generate · $0.84 · Open last take" above a shot file in the text editor. */
export class GenerateCodeLens extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly analyses: ShotAnalysisService,
    private readonly service: Jobs,
    private readonly provider: ProviderService,
    takeChanges: TakeChanges,
  ) {
    super();
    this.register(
      service.onDidChange(j => {
        if (!j) {
          this.changed.fire();
        }
      }),
    );
    // The circled take's lens follows its sidecar, whoever writes it (the panel or `kling takes select`).
    this.register(takeChanges.onDidChangeFile(({ uri }) => uri.path.endsWith('.selection.json') && this.changed.fire()));
    this.register(onDidChangeSetting(SETTING_KEYS, () => this.changed.fire()));
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const top = new vscode.Range(0, 0, 0, 0);
    const running = this.service.runningFor(doc.uri);
    if (running.length) {
      return [
        new vscode.CodeLens(top, {
          title: `$(sync~spin) ${vscode.l10n.t('Generating ({0})…', running.length)}`,
          command: 'klingStudio.openTakes',
          arguments: [doc.uri],
        }),
        new vscode.CodeLens(top, { title: vscode.l10n.t('Cancel'), command: 'klingStudio.cancel', arguments: [doc.uri] }),
      ];
    }
    const { analysis } = this.analyses.get(doc);
    const cost = priceTake(analysis.endpoint, analysis.body, { provider: this.provider.kind, prices: configuredPrices() }).atFal;
    const price =
      this.provider.kind === 'simulator' ? ` · ${describeCost({ usd: cost?.usd }, true)}` : cost ? ` · ${formatUsd(cost.usd)}` : '';
    const lenses = [
      new vscode.CodeLens(top, {
        title: `▶ ${vscode.l10n.t('Generate')}${price}`,
        command: 'klingStudio.generate',
        arguments: [doc.uri],
        tooltip: vscode.l10n.t('Kling: Generate this shot'),
      }),
    ];
    const takes = doc.uri.scheme === 'file' ? await takesForShot(doc.uri).catch(() => []) : [];
    if (takes.length) {
      lenses.push(
        new vscode.CodeLens(top, { title: vscode.l10n.t('Open last take'), command: 'klingStudio.openTakes', arguments: [doc.uri] }),
      );
      const circled = await readSelection(outputDirOf(doc.uri), doc.uri.fsPath, { roots: readRootsFor(doc.uri.fsPath) });
      const take = takes.find(t => t.path === circled);
      if (take) {
        lenses.push(
          new vscode.CodeLens(top, {
            title: vscode.l10n.t('● Circled take: {0}', new Date(take.record.createdAt).toLocaleString()),
            command: 'klingStudio.openTakes',
            arguments: [doc.uri, take.record.id],
            tooltip: vscode.l10n.t('The take you keep for this shot'),
          }),
        );
      }
    }
    return lenses;
  }
}
