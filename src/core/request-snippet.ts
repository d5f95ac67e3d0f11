// "Copy Request as cURL / JavaScript / Python": the request Generate would send, as code a user can
// run outside the editor. Pure text from the request builder's body and the registry's endpoint id;
// the key is only ever named ($FAL_KEY, process.env.FAL_KEY, os.environ["FAL_KEY"]), never written.
import * as l10n from '@vscode/l10n';
import type { JsonPath } from './types';

export type SnippetForm = 'curl' | 'javascript' | 'python';
export const SNIPPET_FORMS: readonly SnippetForm[] = ['curl', 'javascript', 'python'];

export interface SnippetLocalFile {
  /** Where in the body the file goes. */
  path: JsonPath;
  /** The file on this machine, as the request builder resolved it. */
  file: string;
}

export interface SnippetInput {
  endpointId: string;
  /** The body as the request builder made it (local files still as the shot file names them). */
  body: Record<string, unknown>;
  /** Files the body names on this machine: fal needs them uploaded, as Generate does. */
  localFiles: readonly SnippetLocalFile[];
  /** The queue origin for cURL; the client libraries know fal's own. */
  queueUrl?: string;
}

/** A shell word in single quotes, any `'` in it closed, escaped and reopened. */
const shellQuoted = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const pathText = (path: JsonPath) =>
  path
    .map(p => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');

function curl({ endpointId, body, localFiles, queueUrl = 'https://queue.fal.run' }: SnippetInput): string {
  const lines = [
    `# ${l10n.t('Kling Studio: the request Generate sends to {0} (fal queue; the answer gives a status_url to poll).', endpointId)}`,
  ];
  if (localFiles.length) {
    lines.push(`# ${l10n.t('These are files on this machine: upload each to fal storage first and put its URL in the body:')}`);
    for (const f of localFiles) lines.push(`#   ${pathText(f.path)} ← ${f.file.replace(/[\r\n]/g, ' ')}`);
  }
  // A quoted here-document: the body goes to curl as written, whatever quotes or $ a prompt holds.
  lines.push(
    `curl -X POST ${shellQuoted(`${queueUrl.replace(/\/+$/, '')}/${endpointId}`)} \\`,
    `  -H "Authorization: Key $FAL_KEY" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data-binary @- <<'KLING_REQUEST_BODY'`,
    JSON.stringify(body, null, 2),
    'KLING_REQUEST_BODY',
  );
  return lines.join('\n') + '\n';
}

/** `input["elements"][0]["frontal_image_url"]` */
const accessor = (root: string, path: JsonPath) => root + path.map(p => `[${JSON.stringify(p)}]`).join('');

function javascript({ endpointId, body, localFiles }: SnippetInput): string {
  const lines = [
    `// ${l10n.t('Kling Studio: the request Generate sends to {0}.', endpointId)}`,
    '// npm install @fal-ai/client',
    "import { fal } from '@fal-ai/client';",
    ...(localFiles.length ? ["import { readFile } from 'node:fs/promises';"] : []),
    '',
    'fal.config({ credentials: process.env.FAL_KEY });',
    '',
    `const input = ${JSON.stringify(body, null, 2)};`,
  ];
  if (localFiles.length) {
    lines.push(`// ${l10n.t('Files on this machine are uploaded to fal storage, and their URLs sent instead.')}`);
    for (const f of localFiles) {
      lines.push(`${accessor('input', f.path)} = await fal.storage.upload(new Blob([await readFile(${JSON.stringify(f.file)})]));`);
    }
  }
  lines.push(
    '',
    `const result = await fal.subscribe(${JSON.stringify(endpointId)}, { input, logs: true });`,
    'console.log(result.requestId, result.data);',
  );
  return lines.join('\n') + '\n';
}

/** A JSON value as a Python literal: JSON's string escapes are all valid in Python strings. */
function py(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  const inner = indent + '    ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map(v => inner + py(v, inner)).join(',\n')},\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${py(v, inner)}`).join(',\n')},\n${indent}}`;
}

function python({ endpointId, body, localFiles }: SnippetInput): string {
  const lines = [
    `# ${l10n.t('Kling Studio: the request Generate sends to {0}.', endpointId)}`,
    '# pip install fal-client',
    'import os',
    '',
    'import fal_client',
    '',
    'client = fal_client.SyncClient(key=os.environ["FAL_KEY"])',
    '',
    `arguments = ${py(body)}`,
  ];
  if (localFiles.length) {
    lines.push(`# ${l10n.t('Files on this machine are uploaded to fal storage, and their URLs sent instead.')}`);
    for (const f of localFiles) lines.push(`${accessor('arguments', f.path)} = client.upload_file(${JSON.stringify(f.file)})`);
  }
  lines.push('', `result = client.subscribe(${JSON.stringify(endpointId)}, arguments=arguments, with_logs=True)`, 'print(result)');
  return lines.join('\n') + '\n';
}

export function requestSnippet(form: SnippetForm, input: SnippetInput): string {
  return form === 'curl' ? curl(input) : form === 'javascript' ? javascript(input) : python(input);
}
