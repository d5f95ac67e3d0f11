// The field labels and descriptions the editor shows (hover, completion, the shot editor's form).
// Each text is written once, on its zod schema, as a literal translation call (`npm run l10n` finds
// only literals): `fieldMeta` gives the schema its English title and description (read when the
// module loads, before any bundle is set: they also make the published JSON Schema, which stays
// English) and its `textId`, by which the editor reads the same texts again, translated.

// A type, not an interface: zod's meta takes it only with an implicit index signature.
export type FieldTexts = { title: string; description: string };

const TEXTS = new Map<string, () => FieldTexts>();

/** A field's schema meta: its texts' id, and the texts in English. */
export function fieldMeta(textId: string, texts: () => FieldTexts): { textId: string; title: string; description: string } {
  TEXTS.set(textId, texts);
  return { textId, ...texts() };
}

/** The texts of the field whose meta had `textId`, in the user's language; undefined for no such id. */
export function fieldTexts(textId: unknown): FieldTexts | undefined {
  return typeof textId === 'string' ? TEXTS.get(textId)?.() : undefined;
}
