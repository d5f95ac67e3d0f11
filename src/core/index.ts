// Public API of the pure core (no vscode, no network, no global mutable state).
export * from './types';
export { analyzeShot, rangeOfPath, rangeOfFalLoc } from './diagnostics';
export { AGENT_TOOLS, agentDiagnostic, PAID_AGENT_TOOLS, type AgentInput, type AgentOutput, type AgentToolName } from './agent-tools';
export { validateRequestBody } from './request-body';
export { FalValidationDetailSchema, type FalValidationDetail } from './fal-validation';
export { diffRequests, type RequestDiff, type PromptPart, type ValueChange, type TakeRequest } from './request-diff';
export { restoreRequestText, type RestoredRequest } from './restore-request';
export { requestSnippet, SNIPPET_FORMS, type SnippetForm, type SnippetInput, type SnippetLocalFile } from './request-snippet';
export {
  resolveEndpoint,
  inferKind,
  lookupEndpoint,
  ENDPOINTS,
  ENDPOINT_IDS,
  ENDPOINT_ALIASES,
  FAL_SERVED_IDS,
  ENDPOINT_KINDS,
  SCHEMAS,
  UNMODELLED_KLING_IDS,
  entryFor,
  endpointIdFor,
  aliasCollisions,
  schemaFor,
  bodyKeysFor,
  type EndpointEntry,
  type Family,
  type PriceRule,
  type OutputLength,
  type OutputShape,
  type SimulatorOutput,
  type MediaField,
  type EndpointMedia,
  type PriceFigures,
  type DurationRule,
  isResolutionPrice,
  durationRuleOf,
} from './registry';
export { textToVideoSchema, type TextToVideoInput } from './schema/text-to-video';
export { imageToVideoSchema, comboElementSchema, type ImageToVideoInput, type ComboElementInput } from './schema/image-to-video';
export { motionControlSchema, faceElementSchema, type MotionControlInput } from './schema/motion-control';
export * as limits from './schema/fields';
export { shotJsonSchema, shotFileSchema, endpointJsonSchema } from './json-schema';
export { quickFixes, scaleDurations, type DiagnosticData } from './fixes';
export { hoverInfo, fieldMarkdown } from './hover';
export { completionsAt, type CompletionEntry } from './completion';
export { FIELD_INFO, fieldInfo, fieldKey, fieldsOf, type FieldInfo } from './field-info';
export { formLayout, endpointLabel, familyLabel, type FormLayout, type FormMedia, type ReferenceKind } from './form-layout';
export { requestSeconds } from './request-seconds';
export {
  estimateCost,
  withKindTierPrices,
  withLivePrices,
  priceSourceOf,
  DEFAULT_PRICES,
  type PriceTable,
  type CostEstimate,
  type CostOptions,
} from './cost';
export {
  BUILT_IN_PRICES_AS_OF,
  mapLivePrice,
  priceSourceText,
  priceUnitOf,
  publishedPrice,
  type LiveMapping,
  type LivePrice,
  type PriceSource,
  type PriceUnit,
} from './live-price';
export type { TierPrice } from './registry';
export { collectMediaRefs, urlScheme } from './rules/media-refs';
export { checkMedia, checkMediaRefs, isInside, type MediaContext, type MediaFinding } from './media/check';
export { createMediaCache, mediaCacheKey, type MediaCache } from './media/cache';
export { probeImage, probeVideo, type MediaProbe } from './media/probe';
export type { FileAccess, FileStat, VideoTracks } from './media/files';
export * as mediaLimits from './media/limits';
export type { ShotSumData } from './rules/shots';
export { promptTexts, type ElementRefData, type PromptText } from './rules/elements';
export type { UnknownKeyData } from './rules/unknown-keys';
export { DIAGNOSTIC_CODES, severityOf, type DiagnosticCode } from './codes';
export { pathAsWritten } from './path-text';
export { asError, errorText } from './error-text';
export { isBlankJson, jsonProblemAt, parseErrorWords } from './parse';
export { decodeShotBytes, fileDiagnostic, tooLargeDiagnostic, MAX_SHOT_FILE_BYTES, MAX_DIAGNOSTICS } from './input';
// Spend: ledger arithmetic, budgets and billed amounts (pure; the client reads the records).
export {
  billedUsd,
  billingNote,
  checkBudget,
  computeLedger,
  isSimulated,
  normalizeBudget,
  parseBillableUnits,
  spendKind,
  takeCostUsd,
  periodStarts,
  sumShots,
  sequenceShotFiles,
  sequenceSpend,
  folderOf,
  scopeLedgers,
  type FolderScope,
  type SequenceSpend,
  type BudgetRefusal,
  type BillableUnits,
  type Budgets,
  type Ledger,
  type SpendRecord,
  type SpendTotal,
} from './spend';
// Sequences: the *.kling-seq.json format, its validation and which take stands for each shot.
export * from './sequence';
export { lastFrameFileName, nextShotFileName, startFromImage, nextShotText, type StartFromImage } from './continuity';
export { checkPngFrame, PNG_FRAME_MAX_BYTES, type PngFrameCheck } from './media/png-frame';
export { driftText, entryJsonSchema, openApiInputSchema, priceDrift, schemaDrift, type Drift } from './schema-drift';
export * from './cast';
export { fillTemplate, registryTemplate, shotTemplates, type ShotTemplate, type TemplateMedia } from './shot-templates';
export { fillBlankEdits, starterCastText, starterSequenceText, starterShotTemplate } from './starter-files';
