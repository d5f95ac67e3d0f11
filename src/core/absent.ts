// fal's published examples send `null` for optional fields ("multi_prompt": null, "elements":
// null, "end_image_url": null) and fal treats them as not given. So does Kling Studio: object
// members whose value is null are dropped before any rule, endpoint inference, cost estimate or
// request body sees the value. A null inside an array is kept: it is an item, and an error.
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const clean = withoutNulls(item);
      if (clean !== item) (copy ??= value.slice())[i] = clean;
    }
    return (copy ?? value) as T;
  }
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    const clean = v === null ? undefined : withoutNulls(v);
    if (clean === v) continue;
    copy ??= copyOf(obj);
    if (clean === undefined) delete copy[key];
    else copy[key] = clean;
  }
  return (copy ?? obj) as T;
}

/** A shallow copy that keeps "__proto__" an own key, as JSON.parse does. */
function copyOf(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) {
    if (k === '__proto__') Object.defineProperty(out, k, { value: obj[k], enumerable: true, writable: true, configurable: true });
    else out[k] = obj[k];
  }
  return out;
}
