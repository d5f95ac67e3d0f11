import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notificationText } from '../../../src/extension/notification-text';

// VS Code's own link syntax for notifications (vs/base/common/linkedText.ts, parseLinkedText).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

test('notification text: links from file content are not links any more, the text reads the same', () => {
  const hostile = [
    'could not open /ws/renders/[click](command:workbench.action.quit).mp4',
    'Error: [docs](https://evil.example/) and [x](file:///etc/passwd "t")',
    'nested [[a](https://evil.example/)](https://evil.example/2)',
  ];
  for (const s of hostile) {
    assert.ok(s.match(VSCODE_LINK), `the raw text would link: ${s}`);
    const safe = notificationText(s);
    assert.equal(safe.match(VSCODE_LINK), null, `still a link: ${safe}`);
    assert.equal(safe.replace(/\u200b/g, ''), s);
  }
  assert.equal(notificationText('plain text (with parens) and [brackets]'), 'plain text (with parens) and [brackets]');
});
