// Speech hints for quoted dialogue when the clip has audio (generate_audio defaults to true).
// Kling's speech model reads English in lowercase and spells out words in capitals letter by
// letter (that is how it says acronyms), so shouted all-caps dialogue comes out spelled. It
// speaks English and Chinese; other languages are translated to English. Both are information,
// never errors: the user may mean it.
//
// Language is told from the dialogue alone by script and by common words, not by a general
// detector: dialogue lines are a few words long, which is where statistical detectors guess.
import * as l10n from '@vscode/l10n';
import type { JsonPath } from '../types';
import { promptTexts } from './elements';
import type { RuleInput, RuleIssue } from './issue';

export interface SpeechCapsData {
  /** The whole string with this dialogue's shouted words lowercased, for the quick fix. */
  value: string;
  words: string[];
}

const QUOTES: RegExp = /"([^"]+)"|“([^”]+)”|«([^»]+)»|„([^“”]+)[“”]/g;
const WORD = /[\p{L}\p{N}'’-]+/gu;
const CAPS_WORD = /^\p{Lu}[\p{Lu}'’-]*\p{Lu}$/u;
/** Acronyms longer than four letters that are read as words or spelled on purpose. */
const LONG_ACRONYMS = new Set(['UNICEF', 'UNESCO', 'NASDAQ', 'NAACP', 'FIFA', 'OPEC', 'ASEAN', 'SWAT', 'SCUBA', 'LASER', 'RADAR']);

interface Word {
  text: string;
  start: number;
}

function words(s: string): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(s); m; m = WORD.exec(s)) out.push({ text: m[0], start: m.index });
  return out;
}

/**
 * Shouted words: a run of two or more all-caps words ("WE ARE GOING DOWN"), or one all-caps word
 * of five letters or more that is not a known acronym ("NOOOO", "STOP" stays: it could be one).
 * A lone short capital word (FAA, NASA, USA) is taken for an acronym.
 */
function shoutedWords(ws: Word[]): Word[] {
  const out: Word[] = [];
  let run: Word[] = [];
  const flush = () => {
    const real = run.filter(w => w.text.length > 1);
    if (real.length >= 2) out.push(...real);
    else if (real.length === 1 && real[0]!.text.length >= 5 && !LONG_ACRONYMS.has(real[0]!.text)) out.push(real[0]!);
    run = [];
  };
  for (const w of ws) {
    if (CAPS_WORD.test(w.text) || w.text === 'I' || w.text === 'A') run.push(w);
    else flush();
  }
  flush();
  return out;
}

// Common words, enough to tell a sentence of these languages from English. Words shared with
// English ("a", "no", "in") are left out.
const FOREIGN: Record<string, string[]> = {
  French: [
    'le',
    'la',
    'les',
    'des',
    'est',
    'et',
    'je',
    'tu',
    'nous',
    'vous',
    'pas',
    'une',
    'que',
    'qui',
    'avec',
    'pour',
    'mais',
    'sans',
    'suis',
    'très',
    'merci',
    'bonjour',
    'oui',
    'toi',
    'moi',
    'ça',
    "c'est",
    "t'inquiète",
    'allons',
  ],
  Spanish: [
    'el',
    'los',
    'las',
    'es',
    'y',
    'yo',
    'tú',
    'usted',
    'que',
    'por',
    'para',
    'pero',
    'muy',
    'gracias',
    'hola',
    'sí',
    'está',
    'estoy',
    'vamos',
    'donde',
    'dónde',
    'qué',
    'una',
    'con',
    'mi',
    'te',
    'quiero',
  ],
  German: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'ich',
    'du',
    'wir',
    'nicht',
    'mit',
    'auf',
    'ein',
    'eine',
    'danke',
    'ja',
    'nein',
    'bitte',
    'sehr',
    'wie',
    'was',
    'wo',
    'schön',
    'gut',
    'komm',
    'mein',
  ],
  Italian: [
    'il',
    'gli',
    'che',
    'è',
    'non',
    'sono',
    'grazie',
    'ciao',
    'per',
    'con',
    'della',
    'questo',
    'molto',
    'bene',
    'andiamo',
    'perché',
    'sei',
    'mio',
  ],
  Portuguese: [
    'o',
    'os',
    'que',
    'não',
    'sim',
    'obrigado',
    'obrigada',
    'você',
    'eu',
    'com',
    'para',
    'muito',
    'uma',
    'está',
    'estou',
    'vamos',
    'meu',
    'olá',
  ],
};
const ENGLISH = new Set([
  'the',
  'and',
  'is',
  'are',
  'you',
  'i',
  'we',
  'it',
  'to',
  'of',
  'not',
  'this',
  'that',
  'my',
  'your',
  'what',
  'with',
  'for',
  'be',
  'do',
  'have',
  'will',
  "don't",
  "it's",
  "i'm",
  'go',
  'come',
  'here',
  'there',
  'please',
  'thank',
  'yes',
  'hello',
  'let',
  "let's",
  'me',
  'he',
  'she',
  'they',
]);
const FOREIGN_WORDS = new Map<string, string>();
for (const [lang, list] of Object.entries(FOREIGN)) for (const w of list) if (!FOREIGN_WORDS.has(w)) FOREIGN_WORDS.set(w, lang);

const SCRIPTS: [RegExp, string][] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'Japanese'],
  [/\p{Script=Hangul}/u, 'Korean'],
  [/\p{Script=Cyrillic}/u, 'a Cyrillic-script language'],
  [/\p{Script=Arabic}/u, 'Arabic'],
  [/\p{Script=Hebrew}/u, 'Hebrew'],
  [/\p{Script=Greek}/u, 'Greek'],
  [/\p{Script=Devanagari}/u, 'Hindi'],
  [/\p{Script=Thai}/u, 'Thai'],
];
const HAN = /\p{Script=Han}/u;

/** The name of a language as the message shows it; the data keeps the English name. */
function languageName(language: string): string {
  switch (language) {
    case 'French':
      return l10n.t('French');
    case 'Spanish':
      return l10n.t('Spanish');
    case 'German':
      return l10n.t('German');
    case 'Italian':
      return l10n.t('Italian');
    case 'Portuguese':
      return l10n.t('Portuguese');
    case 'Japanese':
      return l10n.t('Japanese');
    case 'Korean':
      return l10n.t('Korean');
    case 'a Cyrillic-script language':
      return l10n.t('a Cyrillic-script language');
    case 'Arabic':
      return l10n.t('Arabic');
    case 'Hebrew':
      return l10n.t('Hebrew');
    case 'Greek':
      return l10n.t('Greek');
    case 'Hindi':
      return l10n.t('Hindi');
    case 'Thai':
      return l10n.t('Thai');
    default:
      return language;
  }
}

/** The language of a line of dialogue when it is surely neither English nor Chinese. */
export function foreignLanguage(line: string): string | undefined {
  for (const [re, name] of SCRIPTS) if (re.test(line)) return name;
  if (HAN.test(line)) return undefined;
  const ws = words(line).map(w => w.text.toLowerCase().replace(/’/g, "'"));
  if (ws.length < 2) return undefined;
  let english = 0;
  const votes = new Map<string, number>();
  for (const w of ws) {
    if (ENGLISH.has(w)) english++;
    const lang = FOREIGN_WORDS.get(w);
    if (lang) votes.set(lang, (votes.get(lang) ?? 0) + 1);
  }
  const foreign = [...votes.values()].reduce((a, b) => a + b, 0);
  if (foreign < 2 || foreign <= english) return undefined;
  return [...votes.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

function lowercaseWords(s: string, offset: number, shouted: Word[]): string {
  let out = s;
  // Right to left so earlier indexes stay valid; "I" stays a capital.
  for (const w of [...shouted].reverse()) {
    if (w.text === 'I') continue;
    const at = offset + w.start;
    out = out.slice(0, at) + w.text.toLowerCase() + out.slice(at + w.text.length);
  }
  return out;
}

function dialogueHints(path: JsonPath, text: string, out: RuleIssue[]): void {
  QUOTES.lastIndex = 0;
  for (let m = QUOTES.exec(text); m; m = QUOTES.exec(text)) {
    const line = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    const lineStart = m.index + 1;
    const shouted = shoutedWords(words(line));
    if (shouted.length > 0) {
      const first = shouted[0]!;
      const last = shouted[shouted.length - 1]!;
      const data: SpeechCapsData = { value: lowercaseWords(text, lineStart, shouted), words: shouted.map(w => w.text) };
      out.push({
        code: 'kling.speech-caps',
        path,
        target: { start: lineStart + first.start, length: last.start + last.text.length - first.start },
        message: l10n.t(
          'Kling spells words in capitals out letter by letter (that is how it reads acronyms): write shouted dialogue in lowercase and say it is shouted in the prompt.',
        ),
        data,
      });
    }
    const language = foreignLanguage(line);
    if (language) {
      out.push({
        code: 'kling.speech-language',
        path,
        target: { start: lineStart, length: line.length },
        message: l10n.t(
          'This dialogue looks like {0}: Kling speaks English and Chinese only, so it will be spoken in English translation.',
          languageName(language),
        ),
        data: { language },
      });
    }
  }
}

export function speechRules({ kind, body }: RuleInput, out: RuleIssue[]): void {
  if (kind === 'motion-control' || body.generate_audio === false) return;
  for (const { path, text } of promptTexts(body)) if (text.includes('"') || /[“«„]/.test(text)) dialogueHints(path, text, out);
}
