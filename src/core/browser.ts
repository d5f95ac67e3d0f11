// Browser-safe subset of the core for webview bundles: everything except the media checks, which
// pull in node:fs, image-size and mediabunny.
export * from './types';
export { analyzeShot, rangeOfPath, rangeOfFalLoc } from './diagnostics';
export { validateRequestBody } from './request-body';
export {
  resolveEndpoint,
  inferKind,
  lookupEndpoint,
  ENDPOINTS,
  ENDPOINT_IDS,
  ENDPOINT_ALIASES,
  ENDPOINT_KINDS,
  type EndpointSpec,
} from './schema/endpoints';
export * as limits from './schema/fields';
export { quickFixes, formattingOf, type DiagnosticData } from './fixes';
export { hoverInfo } from './hover';
export { FIELD_INFO, fieldInfo, fieldKey, type FieldInfo } from './field-info';
export { estimateCost, DEFAULT_PRICES, type PriceTable, type CostEstimate } from './cost';
export { DIAGNOSTIC_CODES } from './codes';
