// Public API of the pure core (no vscode, no network, no global mutable state).
export * from './types';
export { analyzeShot, rangeOfPath, rangeOfFalLoc } from './diagnostics';
export { validateRequestBody } from './request-body';
export {
  resolveEndpoint, inferKind, lookupEndpoint, ENDPOINTS, ENDPOINT_IDS, ENDPOINT_ALIASES, ENDPOINT_KINDS, SCHEMAS,
  type EndpointSpec,
} from './schema/endpoints';
export { textToVideoSchema, type TextToVideoInput } from './schema/text-to-video';
export { imageToVideoSchema, comboElementSchema, type ImageToVideoInput, type ComboElementInput } from './schema/image-to-video';
export { motionControlSchema, faceElementSchema, type MotionControlInput } from './schema/motion-control';
export * as limits from './schema/fields';
export { shotJsonSchema, shotFileSchema, endpointJsonSchema } from './json-schema';
