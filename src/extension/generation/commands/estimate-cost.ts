import * as vscode from 'vscode';
import { configuredPrices } from '../../common/prices';
import { describeCost } from '../../common/cost-text';
import type { GenerationContext } from '../generation-context';
import { preparedShotArg } from './command-args';
import { notificationText } from '../../../core/ui-text';
import { priceSourceText } from '../../../core/live-price';

/** klingStudio.estimateCost: what the shot would cost on fal, from fal's published per-second prices. */
export function registerEstimateCostCommand(ctx: GenerationContext): vscode.Disposable {
  return vscode.commands.registerCommand('klingStudio.estimateCost', async (uri?: unknown) => {
    const p = await preparedShotArg(uri, ctx);
    if (!p) {
      return undefined;
    }
    const simulated = ctx.provider.kind === 'simulator';
    // The estimate's own source: live (fal, read <date>), built-in (<date>) or the user's setting.
    const source = p.cost ? priceSourceText(p.cost.source) : configuredPrices().source;
    const text = describeCost(
      { usd: p.cost?.usd, ...(p.cost && { seconds: p.cost.seconds, perSecond: p.cost.perSecond, audio: p.cost.audio }) },
      simulated,
    );
    void vscode.window.showInformationMessage(
      notificationText(
        simulated
          ? vscode.l10n.t('Kling: {0} — {1}. Prices: {2}.', p.shotName, text, source)
          : vscode.l10n.t('Kling: {0} — {1} on fal.ai. Prices: {2}.', p.shotName, text, source),
      ),
    );
    return p.cost;
  });
}
