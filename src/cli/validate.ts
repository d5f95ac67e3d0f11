// Placeholder until its issue lands: the command exists but reports that it is not built yet.
export async function runValidate(_args: string[]): Promise<number> {
  process.stderr.write('kling validate: not implemented yet\n');
  return 2;
}
