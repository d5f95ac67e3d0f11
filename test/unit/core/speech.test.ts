import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { analyzeShot, quickFixes } from '../../../src/core';

const shot = (prompt: string, extra = '') => `{\n  "prompt": ${JSON.stringify(prompt)}${extra}\n}`;
const hints = (text: string) =>
  analyzeShot(text)
    .diagnostics.filter(d => d.code.startsWith('kling.speech-'))
    .map(d => [d.code, d.severity, text.slice(d.offset, d.offset + d.length)]);

test('shouted all-caps dialogue gets an information hint on the shouted words', () => {
  const text = shot('The pilot yells: "WE ARE GOING DOWN, call the FAA!" and grabs the radio.');
  assert.deepEqual(hints(text), [['kling.speech-caps', 'info', 'WE ARE GOING DOWN']]);
  const d = analyzeShot(text).diagnostics.find(x => x.code === 'kling.speech-caps')!;
  assert.match(d.message, /spells words in capitals out letter by letter/);
});

test('the quick fix lowercases the shouted run only; "I" and acronyms outside it stay', () => {
  const text = shot('She screams: "I TOLD YOU NOT TO CALL NASA!" The FBI agent smiles.');
  const d = analyzeShot(text).diagnostics.find(x => x.code === 'kling.speech-caps')!;
  const [fix] = quickFixes(text, d);
  assert.equal(fix!.title, 'Lowercase the shouted words (TOLD YOU NOT TO CALL NASA)');
  assert.equal(fix!.isPreferred, true);
  const fixed = applyEdits(
    text,
    fix!.edits.map(e => ({ ...e })),
  );
  assert.equal(JSON.parse(fixed).prompt, 'She screams: "I told you not to call nasa!" The FBI agent smiles.');
  assert.deepEqual(hints(fixed), []);
});

test('plausible acronyms stay quiet: FAA, NASA, short lone capitals, capitals outside quotes', () => {
  for (const p of [
    'He says: "Call the FAA and NASA, then the FBI."',
    'She whispers: "OK, the USA team is here."',
    'A STORM IS COMING over the sea, no one speaks.',
    'He says: "UNICEF sent help."',
  ])
    assert.deepEqual(hints(shot(p)), [], p);
});

test('a single long shouted word is a hint', () => {
  assert.deepEqual(hints(shot('He screams "NOOOOO" and falls.')), [['kling.speech-caps', 'info', 'NOOOOO']]);
});

test('dialogue in a language other than English or Chinese is spoken in English translation', () => {
  const cases: [string, string][] = [
    ['She says: "Ne t\'inquiète pas, nous allons atterrir sans problème."', 'French'],
    ['He says: "Hola, ¿dónde está la estación? Gracias por todo."', 'Spanish'],
    ['Sie sagt: "Ich bin nicht müde, danke."', 'German'],
    ['He whispers: "どこに行くの？"', 'Japanese'],
    ['She says: “Привет, как дела?”', 'a Cyrillic-script language'],
  ];
  for (const [p, language] of cases) {
    const d = analyzeShot(shot(p)).diagnostics.filter(x => x.code === 'kling.speech-language');
    assert.equal(d.length, 1, p);
    assert.equal(d[0]!.severity, 'info');
    assert.equal(
      d[0]!.message,
      `This dialogue looks like ${language}: Kling speaks English and Chinese only, so it will be spoken in English translation.`,
    );
  }
  for (const p of [
    'He says: "We land in five minutes, stay calm."',
    '她说: "我们马上就到了。"',
    'He says: "Bon voyage!"',
    'She says: "No way."',
  ])
    assert.deepEqual(hints(shot(p)), [], p);
});

test('no speech hints when audio is off; storyboard shots are checked too', () => {
  const loud = 'He yells: "GET OUT OF HERE NOW" in the rain.';
  assert.deepEqual(hints(shot(loud, ',\n  "generate_audio": false')), []);
  assert.equal(hints(shot(loud, ',\n  "generate_audio": true')).length, 1);
  const story = `{ "multi_prompt": [ { "prompt": "calm", "duration": "2" }, { "prompt": ${JSON.stringify('She says: "Merci, je suis très contente."')}, "duration": "3" } ] }`;
  assert.deepEqual(
    analyzeShot(story)
      .diagnostics.filter(d => d.code.startsWith('kling.speech'))
      .map(d => [d.code, d.path.join('.')]),
    [['kling.speech-language', 'multi_prompt.1.prompt']],
  );
});
