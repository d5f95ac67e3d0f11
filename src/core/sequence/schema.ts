// The sequence-file format: an ordered list of shots, each optionally pinned to one take. Paths
// are relative to the sequence file, so a project can be moved or cloned.
import { z } from 'zod';

export const SequenceEntrySchema = z.union([
  z.string().min(1, 'must name a shot file').meta({
    title: 'Shot',
    description: 'A shot file (*.kling.json), relative to this sequence file. Its circled take is used, else its newest done take.',
  }),
  z
    .strictObject({
      shot: z
        .string()
        .min(1, 'must name a shot file')
        .meta({ title: 'Shot', description: 'A shot file (*.kling.json), relative to this sequence file.' }),
      take: z.string().min(1, 'must name a take record').optional().meta({
        title: 'Pinned take',
        description: "A take record (*.take.json), relative to this sequence file. It wins over the shot's circled take.",
      }),
    })
    .meta({ title: 'Shot with a pinned take' }),
]);
export type SequenceEntry = z.infer<typeof SequenceEntrySchema>;

export const SequenceFileSchema = z
  .object({
    $schema: z.string().optional().meta({ description: 'JSON Schema of the sequence file (editor support only).' }),
    shots: z.array(SequenceEntrySchema).min(1, 'must list at least one shot').meta({
      title: 'Shots',
      description: 'The shots of the cut, in order.',
    }),
  })
  .meta({ title: 'Kling Studio sequence file', description: 'An ordered list of shots that assemble into one cut (*.kling-seq.json).' });
export type SequenceFile = z.infer<typeof SequenceFileSchema>;

/** Sequence files are told apart from shot files by name alone: `*.kling-seq.json`. */
export function isSequenceFile(path: string): boolean {
  return /\.kling-seq\.json$/i.test(path);
}
