import * as vscode from 'vscode';
import { configuredPrices } from '../../editor/cost-view';
import { describeCost } from '../cost-text';
import type { GenerationContext } from '../generation-context';
import { isRefusal, prepareShot } from '../preflight';
import { shotArg } from './command-args';
import { notificationText } from '../../notification-text';

/** klingStudio.estimateCost: what the shot would cost on fal, from fal's published per-second prices. */
export function registerEstimateCostCommand(ctx: GenerationContext): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.estimateCost', async (uri?: unknown) => {
    const target = shotArg(uri);
    if (!target) {
      return undefined;
    }
    const p = await prepareShot(target, ctx.analyses);
    if (isRefusal(p)) {
      void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('Kling: {0}', p.refused)));
      return undefined;
    }
    const simulated = ctx.provider.kind === 'simulator';
    const text = describeCost(
      { usd: p.cost?.usd, ...(p.cost && { seconds: p.cost.seconds, perSecond: p.cost.perSecond, audio: p.cost.audio }) },
      simulated,
    );
    void vscode.window.showInformationMessage(
      notificationText(
        simulated
          ? vscode.l10n.t('Kling: {0} — {1}. Prices: {2}.', p.shotName, text, configuredPrices().source)
          : vscode.l10n.t('Kling: {0} — {1} on fal.ai. Prices: {2}.', p.shotName, text, configuredPrices().source),
      ),
    );
    return p.cost;
  });
}
