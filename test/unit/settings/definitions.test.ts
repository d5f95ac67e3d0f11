// The settings module's table against package.json, so neither can change without the other: the
// same keys, defaults and scopes, the same restricted settings, and a reader that gives back the
// default when nothing or something malformed is set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECTION, SETTING_KEYS, SETTINGS, settingId } from '../../../src/extension/settings/definitions';

interface Contributed {
  default?: unknown;
  scope?: string;
}
const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Contributed> } };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
};
const contributed = pkg.contributes.configuration.properties;

test('every contributed setting is in the module and every module key is contributed', () => {
  assert.deepEqual(SETTING_KEYS.map(settingId).sort(), Object.keys(contributed).sort());
  assert.ok(Object.keys(contributed).every(id => id.startsWith(`${SECTION}.`)));
});

test("each setting's default and scope are package.json's (no scope there means window)", () => {
  for (const key of SETTING_KEYS) {
    const c = contributed[settingId(key)]!;
    assert.deepEqual(SETTINGS[key].default, c.default, `${key}: default`);
    assert.equal(SETTINGS[key].scope, c.scope ?? 'window', `${key}: scope`);
  }
});

test("the restricted settings are package.json's restrictedConfigurations", () => {
  const restricted = SETTING_KEYS.filter(k => SETTINGS[k].restricted).map(settingId);
  assert.deepEqual(restricted.sort(), [...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort());
});

test('a setting left at its default or set to something malformed reads as its default', () => {
  for (const key of SETTING_KEYS) {
    const { read, default: fallback } = SETTINGS[key];
    assert.deepEqual(read(fallback), fallback, `${key}: its default`);
    assert.deepEqual(read(undefined), fallback, `${key}: unset`);
    assert.deepEqual(read(Symbol('not JSON')), fallback, `${key}: malformed`);
  }
});
