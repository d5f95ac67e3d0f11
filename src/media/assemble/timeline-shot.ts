// What a timeline (OTIO or FCPXML) says of one shot of the cut.
import type { ClipProbe } from './probe-clip';

/** Where a clip came from, carried into the timelines so an editor can tell the takes apart. */
export interface ClipMeta {
  prompt?: string;
  endpointId?: string;
  takeId?: string;
}

export interface TimelineShot {
  /** Shown as the clip's name in the editor, e.g. the shot file's name. */
  name: string;
  clip: ClipProbe;
  meta?: ClipMeta;
}
