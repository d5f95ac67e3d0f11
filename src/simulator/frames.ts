// The pictures of the simulator's clips, painted straight into I420 (the encoder's input), so a
// clip shows what its request asked for: the start image as the first frame, the end image as the
// last, keyframes between, and each shot of a storyboard in a colour of its own (a border and one
// block per shot number), with a bar sweeping across each shot and a frame counter so it plays.

/** An image from the request, decoded: `rgba` is width × height × 4 bytes. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** One I420 picture: Y (w×h), then U and V (w/2 × h/2). */
export interface Yuv {
  width: number;
  height: number;
  data: Uint8Array;
}

// Distinct, saturated shot colours (RGB); shot i uses PALETTE[i % n].
export const PALETTE: readonly (readonly [number, number, number])[] = [
  [220, 60, 50],
  [40, 110, 220],
  [50, 170, 80],
  [230, 170, 30],
  [150, 70, 200],
  [30, 180, 190],
];

const SHORT_SIDE = 360;

/** The frame size for an aspect ratio: the short side 360 px, both sides even (I420 halves them). */
export function frameSize(ratio: number): [number, number] {
  const even = (x: number) => Math.max(2, Math.round(x / 2) * 2);
  return ratio >= 1 ? [even(SHORT_SIDE * ratio), SHORT_SIDE] : [SHORT_SIDE, even(SHORT_SIDE / ratio)];
}

export function yuvOf([r, g, b]: readonly [number, number, number]): [number, number, number] {
  return [
    Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b),
    Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b),
    Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b),
  ];
}

function blank(width: number, height: number): Yuv {
  return { width, height, data: new Uint8Array((width * height * 3) / 2) };
}

/** The image scaled to cover the frame (centred, the overflow cropped), as Kling frames a start image. */
export function coverImage(img: RgbaImage, width: number, height: number): Yuv {
  const out = blank(width, height);
  const scale = Math.max(width / img.width, height / img.height);
  const x0 = (img.width - width / scale) / 2,
    y0 = (img.height - height / scale) / 2;
  const sx = new Int32Array(width).map((_, x) => Math.min(img.width - 1, Math.floor(x0 + (x + 0.5) / scale)));
  const ySize = width * height,
    cw = width / 2;
  const { data } = out;
  for (let y = 0; y < height; y++) {
    const row = Math.min(img.height - 1, Math.floor(y0 + (y + 0.5) / scale)) * img.width;
    for (let x = 0; x < width; x++) {
      const i = (row + sx[x]!) * 4;
      const r = img.rgba[i]!,
        g = img.rgba[i + 1]!,
        b = img.rgba[i + 2]!;
      data[y * width + x] = (16 + 0.257 * r + 0.504 * g + 0.098 * b + 0.5) | 0;
      // Chroma from the top-left pixel of each 2×2 block: enough for a picture nobody grades.
      if ((x & 1) === 0 && (y & 1) === 0) {
        const c = (y >> 1) * cw + (x >> 1);
        data[ySize + c] = (128.5 - 0.148 * r - 0.291 * g + 0.439 * b) | 0;
        data[ySize + ySize / 4 + c] = (128.5 + 0.439 * r - 0.368 * g - 0.071 * b) | 0;
      }
    }
  }
  return out;
}

/** A text-to-video shot's backdrop: its colour, darkening towards the bottom so it is not flat. */
export function shotBackdrop(shot: number, width: number, height: number): Yuv {
  const out = blank(width, height);
  const [y, u, v] = yuvOf(PALETTE[shot % PALETTE.length]!);
  const ySize = width * height;
  for (let row = 0; row < height; row++) out.data.fill(Math.round(y * (1 - (0.35 * row) / height)), row * width, (row + 1) * width);
  out.data.fill(u, ySize, ySize + ySize / 4);
  out.data.fill(v, ySize + ySize / 4);
  return out;
}

/** a → b by t (0..1), into `into`. */
export function blend(a: Yuv, b: Yuv, t: number, into: Uint8Array): void {
  const k = Math.round(t * 256);
  const ad = a.data,
    bd = b.data;
  for (let i = 0; i < into.length; i++) into[i] = (ad[i]! * (256 - k) + bd[i]! * k) >> 8;
}

function rect(f: Yuv, x0: number, y0: number, w: number, h: number, [y, u, v]: readonly [number, number, number]): void {
  const { width, height, data } = f;
  const x1 = Math.min(width, x0 + w) & ~1,
    y1 = Math.min(height, y0 + h) & ~1;
  x0 = Math.max(0, x0) & ~1;
  y0 = Math.max(0, y0) & ~1;
  if (x1 <= x0 || y1 <= y0) return;
  for (let row = y0; row < y1; row++) data.fill(y, row * width + x0, row * width + x1);
  const ySize = width * height,
    cw = width / 2;
  for (let row = y0 >> 1; row < y1 >> 1; row++) {
    data.fill(u, ySize + row * cw + (x0 >> 1), ySize + row * cw + (x1 >> 1));
    data.fill(v, ySize + ySize / 4 + row * cw + (x0 >> 1), ySize + ySize / 4 + row * cw + (x1 >> 1));
  }
}

const WHITE = yuvOf([255, 255, 255]);
const BLACK = yuvOf([0, 0, 0]);
// 3×5 digits, rows top to bottom, 3 bits each.
const DIGITS = [
  '111101101101111',
  '010110010010111',
  '111001111100111',
  '111001111001111',
  '101101111001001',
  '111100111001111',
  '111100111101111',
  '111001001001001',
  '111101111101111',
  '111101111001111',
];

function number(f: Yuv, n: number, right: number, top: number, px: number): void {
  const text = String(n);
  const cell = 4 * px;
  const x0 = right - text.length * cell - px;
  rect(f, x0 - px, top - px, text.length * cell + 2 * px, 7 * px, BLACK);
  [...text].forEach((d, i) => {
    const bits = DIGITS[Number(d)]!;
    for (let k = 0; k < 15; k++) if (bits[k] === '1') rect(f, x0 + i * cell + (k % 3) * px, top + Math.floor(k / 3) * px, px, px, WHITE);
  });
}

/**
 * What every frame but a given first or last one carries: a border and one block per shot number in
 * the shot's colour, a bar sweeping the shot left to right (`progress` 0..1) and the frame number.
 */
export function overlay(f: Yuv, shot: number, progress: number, frameNo: number): void {
  const { width, height } = f;
  const colour = yuvOf(PALETTE[shot % PALETTE.length]!);
  const b = 8;
  rect(f, 0, 0, width, b, colour);
  rect(f, 0, height - b, width, b, colour);
  rect(f, 0, 0, b, height, colour);
  rect(f, width - b, 0, b, height, colour);
  rect(f, b + 4, b + 4, (shot + 1) * 20 + 4, 20, BLACK);
  for (let i = 0; i <= shot; i++) rect(f, b + 8 + i * 20, b + 8, 16, 12, WHITE);
  const barX = Math.round(b + progress * (width - 2 * b - 16));
  rect(f, barX - 2, height - b - 30, 20, 20, BLACK);
  rect(f, barX, height - b - 28, 16, 16, WHITE);
  number(f, frameNo, width - b - 6, b + 8, 4);
}
