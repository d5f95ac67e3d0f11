// File limits: fal's early-2026 x-fal limits for images and element
// videos; motion-control reference length by character_orientation.
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const VIDEO_MAX_BYTES = 200 * 1024 * 1024;
export const IMAGE_MIN_SIDE = 300;
export const IMAGE_MIN_ASPECT = 0.4;
export const IMAGE_MAX_ASPECT = 2.5;
export const ELEMENT_VIDEO_MIN_SECONDS = 3;
/** fal states 3–10.05 s; the .05 absorbs container rounding of a 10 s clip. */
export const ELEMENT_VIDEO_MAX_SECONDS = 10.05;
export const ELEMENT_VIDEO_MIN_SIDE = 720;
export const ELEMENT_VIDEO_MIN_FPS = 24;
export const ELEMENT_VIDEO_MAX_FPS = 60;
export const ELEMENT_VIDEO_MAX_SIDE = 2160;
export const MOTION_VIDEO_MAX_SECONDS = { image: 10, video: 30 } as const;
export const MOTION_VIDEO_MIN_SECONDS = 3;
/** Formats Kling takes for images; any other file in an image field is an error. */
export const IMAGE_TYPES: ReadonlySet<string> = new Set(['jpg', 'png', 'webp']);
