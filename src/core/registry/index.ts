// The endpoint registry: every fal endpoint Kling Studio speaks, one entry each (a family per
// file). Validation, inference, cost, request seconds, the JSON Schema, the editor's setup
// message, templates and the simulator all read it; adding an endpoint is adding an entry.
export {
  ENDPOINTS,
  ENDPOINT_IDS,
  FAL_SERVED_IDS,
  ENDPOINT_KINDS,
  ENDPOINT_ALIASES,
  SCHEMAS,
  BODY_KEYS,
  aliasCollisions,
  lookupEndpoint,
  entryFor,
  endpointIdFor,
  schemaFor,
  bodyKeysFor,
} from './lookup';
export { inferKind, inferredIdFor, resolveEndpoint } from './infer';
export { durationRuleOf, readSeconds, writeSeconds, rangeText, STRING_DURATIONS, MIN_SHOT_SECONDS } from './duration';
export { unsupportedEndpointReason, UNMODELLED_KLING_IDS } from './unmodelled';
export type {
  EndpointEntry,
  DurationRule,
  EndpointMedia,
  Family,
  MediaField,
  OutputLength,
  OutputShape,
  PriceFigures,
  PriceRule,
  Resolution,
  ResolutionPrice,
  SimulatorOutput,
  TierPrice,
} from './types';
export { isResolutionPrice } from './types';
