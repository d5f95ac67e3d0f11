// Placeholder until its issue lands: the command exists but reports that it is not built yet.
export async function runGenerate(_args: string[]): Promise<number> {
  process.stderr.write('kling generate: not implemented yet\n');
  return 2;
}
