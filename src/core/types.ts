// Shared result and input shapes of the core. Kept in one file so the extension, the CLI, the
// simulator and the webview code against the same names.

export type Severity = 'error' | 'warning' | 'info';
/** Zero-based; `character` counts UTF-16 code units, like VS Code. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export type JsonPath = (string | number)[];

export interface ShotDiagnostic {
  severity: Severity;
  /** Stable `kling.<rule>` code (see DIAGNOSTIC_CODES); quick fixes key on it. */
  code: string;
  message: string;
  path: JsonPath;
  range: Range;
  offset: number;
  length: number;
  /** What a quick fix needs; shape per code is documented in fixes.ts (DiagnosticData). */
  data?: unknown;
}

export type EndpointKind =
  | 'text-to-video'
  | 'image-to-video'
  | 'reference-to-video'
  | 'motion-control'
  | 'video-to-video/edit'
  | 'video-to-video/reference'
  | 'create-voice';
export type Tier = 'pro' | 'standard' | '4k';

export interface ResolvedEndpoint {
  /** Full fal id, e.g. fal-ai/kling-video/v3/pro/text-to-video. */
  id: string;
  kind: EndpointKind;
  /** null where fal sells one tier only (create-voice). */
  tier: Tier | null;
  /** True when no valid `endpoint` key named it and it was inferred from the fields. */
  inferred: boolean;
}

export type MediaRole =
  | 'start_image'
  | 'end_image'
  | 'image'
  | 'video'
  /** The video a video-to-video request works from; its limits come with the ref. */
  | 'source_video'
  | 'element_frontal'
  | 'element_reference'
  | 'element_video'
  /** A voice sample for create-voice (audio, or a video whose sound is used). */
  | 'voice_audio';

/**
 * Limits of an input video or audio clip that differ by endpoint. `soft` holds stricter figures
 * fal's prose (or older schema) still states: beyond them is a warning that says why, not an error.
 */
export interface ClipLimits {
  minSeconds: number;
  maxSeconds: number;
  minSide?: number;
  maxSide?: number;
  maxBytes?: number;
  soft?: { maxSeconds: number; maxSide: number };
}

export interface MediaRef {
  path: JsonPath;
  value: string;
  role: MediaRole;
  kind: 'image' | 'video' | 'audio';
  /** The field's own clip limits (registry entry), for roles whose limits differ by endpoint. */
  limits?: ClipLimits;
  /** A path (relative to the shot file, or absolute) rather than a URL. */
  isLocal: boolean;
}

export interface ShotAnalysis {
  text: string;
  endpoint: ResolvedEndpoint;
  /** Parsed value (comments and trailing commas allowed), undefined when nothing parsed. */
  root: unknown;
  /** The request body: root minus "$schema", "endpoint" and "cast"; undefined when root is no object. */
  body: Record<string, unknown> | undefined;
  diagnostics: ShotDiagnostic[];
  mediaRefs: MediaRef[];
}

export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}
export interface QuickFix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}
