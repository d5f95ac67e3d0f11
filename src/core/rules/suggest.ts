// "Did you mean …?" for unknown keys: edit distance plus a few synonyms people actually type.

const SYNONYMS: Record<string, string[]> = {
  image_url: ['start_image_url'],
  start_image_url: ['image_url'],
  image: ['start_image_url', 'image_url'],
  first_frame: ['start_image_url'],
  last_frame: ['end_image_url'],
  end_image: ['end_image_url'],
  tail_image_url: ['end_image_url'],
  negative: ['negative_prompt'],
  audio: ['generate_audio'],
  sound: ['generate_audio', 'keep_original_sound'],
  cfg: ['cfg_scale'],
  ratio: ['aspect_ratio'],
  shots: ['multi_prompt'],
  storyboard: ['multi_prompt'],
  orientation: ['character_orientation'],
  video: ['video_url'],
  reference_images: ['reference_image_urls'],
  frontal_image: ['frontal_image_url'],
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let prevPrev: number[] = [];
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Nearest known key, or undefined when nothing is close enough to be a plausible typo. */
export function suggestKey(key: string, known: Iterable<string>): string | undefined {
  const candidates = [...known];
  const k = norm(key);
  if (k === '') return undefined;
  for (const c of candidates) if (norm(c) === k) return c;
  for (const s of (Object.hasOwn(SYNONYMS, key.toLowerCase()) ? SYNONYMS[key.toLowerCase()] : undefined) ?? [])
    if (candidates.includes(s)) return s;
  if (key.length > 60) return undefined;
  const max = Math.max(1, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    const d = editDistance(key.toLowerCase(), c, max);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  if (best) return best;
  if (k.length >= 4) for (const c of candidates) if (norm(c).startsWith(k) || (k.startsWith(norm(c)) && norm(c).length >= 4)) return c;
  return undefined;
}
