// Assembling a cut from clips: no vscode, no network; files in, one MP4 (and an .otio) out.
export {
  assembleClips,
  checkOutputs,
  NeedsFfmpegError,
  OutputConflictError,
  type AssembleOptions,
  type AssembleResult,
  type AssembleShot,
} from './assemble';
export { remuxDifferences } from './compatibility';
export { findFfmpeg } from '../find-ffmpeg';
export { otioTimeline, type OtioShot } from './otio';
export { fcpxmlTimeline, frameDuration, rationalTime, FCPXML_VERSION } from './fcpxml';
export { fcpxmlMediaUrl, otioTargetUrl } from './media-path';
export type { ClipMeta, TimelineShot } from './timeline-shot';
export { ClipError, probeClip, type AudioParams, type ClipProbe, type VideoParams } from './probe-clip';
export { reencodeArgs } from './reencode';
