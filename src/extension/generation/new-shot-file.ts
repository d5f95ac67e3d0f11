import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

interface Template {
  label: string;
  description: string;
  fileName: string;
  text: string;
}

// Each template is a valid request (no diagnostics) except where a file of the user's is needed:
// those keys point at ./refs/… with a comment saying what to put there.
export const SHOT_TEMPLATES: readonly Template[] = [
  {
    label: 'Text to video',
    description: 'one prompt, 5 s, 16:9, with audio',
    fileName: 'shot',
    text: `{
  // Kling 3.0 Pro text-to-video on fal.ai. Every key below is sent as the request body,
  // except "endpoint" (which model to call) and "$schema".
  "endpoint": "fal-ai/kling-video/v3/pro/text-to-video",
  "prompt": "A lighthouse on a cliff at dusk, waves crashing below, slow dolly-in, warm light",
  "duration": "5",
  "aspect_ratio": "16:9",
  "generate_audio": true,
  "negative_prompt": "blur, distort, and low quality",
  "cfg_scale": 0.5
}
`,
  },
  {
    label: 'Text to video, multi-shot',
    description: 'a storyboard of shots whose durations add up',
    fileName: 'storyboard',
    text: `{
  // A storyboard: each shot has its own prompt and duration; the durations must add up to
  // "duration". "prompt" and "multi_prompt" are mutually exclusive.
  "endpoint": "fal-ai/kling-video/v3/pro/text-to-video",
  "multi_prompt": [
    { "prompt": "Wide shot: a red kite rises over a green hill, morning light", "duration": "3" },
    { "prompt": "Close-up: a child laughs, holding the kite string", "duration": "3" },
    { "prompt": "Aerial: the kite drifts above the clouds", "duration": "4" }
  ],
  "duration": "10",
  "shot_type": "customize",
  "aspect_ratio": "16:9",
  "generate_audio": true
}
`,
  },
  {
    label: 'Image to video',
    description: 'animate a start image (local file or https URL)',
    fileName: 'image-shot',
    text: `{
  // Image-to-video: the clip starts from this image. A path relative to this file is uploaded
  // to fal storage when you generate (it must be inside the workspace, at least 300 px, ≤ 10 MB).
  "endpoint": "fal-ai/kling-video/v3/pro/image-to-video",
  "start_image_url": "./refs/start.png",
  "prompt": "The camera slowly pushes in while leaves drift across the frame",
  "duration": "5",
  "generate_audio": false
}
`,
  },
  {
    label: 'Motion control',
    description: 'transfer the motion of a video onto a character image',
    fileName: 'motion-shot',
    text: `{
  // Motion control: the character in image_url performs the motion of video_url.
  // The clip is as long as the reference video (≤ 10 s with orientation "image", ≤ 30 s with "video").
  "endpoint": "fal-ai/kling-video/v3/pro/motion-control",
  "image_url": "./refs/character.png",
  "video_url": "./refs/dance.mp4",
  "character_orientation": "video",
  "keep_original_sound": true,
  "prompt": "A dancer on a rooftop at sunset"
}
`,
  },
];

/** Kling: New Shot File — pick a template, name the file, open it in the shot editor. */
export async function newShotFile(folder?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const pick = await vscode.window.showQuickPick(
    SHOT_TEMPLATES.map(t => ({ label: t.label, description: t.description, template: t })),
    {
      title: 'Kling: New Shot File',
      placeHolder: 'What kind of shot?',
    },
  );
  if (!pick) {
    return undefined;
  }
  const dir = folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!dir || dir.scheme !== 'file') {
    const doc = await vscode.workspace.openTextDocument({ language: 'jsonc', content: pick.template.text });
    await vscode.window.showTextDocument(doc);
    void vscode.window.showInformationMessage('Kling: save the file with a name ending in .kling.json to generate it.');
    return undefined;
  }
  const name = await vscode.window.showInputBox({
    title: 'Kling: New Shot File',
    prompt: 'File name (".kling.json" is added)',
    value: freeName(dir.fsPath, pick.template.fileName),
    validateInput: v =>
      !v.trim()
        ? 'Enter a name'
        : /[\\/:*?"<>|]/.test(v)
          ? 'No path separators or reserved characters'
          : existsSync(join(dir.fsPath, withSuffix(v)))
            ? 'A file with this name exists'
            : undefined,
  });
  if (!name) {
    return undefined;
  }
  const uri = vscode.Uri.joinPath(dir, withSuffix(name));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(pick.template.text));
  await vscode.commands.executeCommand('vscode.open', uri);
  return uri;
}

function withSuffix(name: string): string {
  const n = name.trim();
  return n.endsWith('.kling.json') ? n : `${n}.kling.json`;
}

function freeName(dir: string, base: string): string {
  for (let i = 1; ; i++) {
    const n = i === 1 ? base : `${base}-${i}`;
    if (!existsSync(join(dir, `${n}.kling.json`))) {
      return n;
    }
  }
}
