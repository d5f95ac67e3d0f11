import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from 'marked';
import type { TakeRecord } from '../../../src/takes';
import { takeTooltip } from '../../../src/extension/generation/take-tooltip';

const record = (over: Partial<TakeRecord>): TakeRecord => ({
  version: 1,
  id: 't1',
  endpointId: 'fal-ai/kling-video/v3/pro/text-to-video',
  body: { prompt: 'a lighthouse' },
  status: 'failed',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

test('take tooltip: a committed record cannot add images, links or formatting', () => {
  const html = marked.parse(
    takeTooltip(
      record({
        endpointId: 'x` ![](https://evil.example/endpoint.png) `',
        body: { prompt: '![](https://evil.example/prompt.png) [win](https://evil.example/) **now**' },
        requestId: '`![](https://evil.example/req.png)`',
        error: { kind: 'http', message: '<img src=https://evil.example/err.png>\n\n# Click https://evil.example/' },
      }),
    ),
    { async: false },
  ) as string;
  assert.doesNotMatch(html, /<(a|img|h\d|em|script)\b/i, html);
  // The status label is ours and stays bold; the record's text is still there for the reader.
  assert.match(html, /<strong>Failed<\/strong>/);
  assert.match(html, /evil\.example\/prompt\.png/);
  assert.match(html, /evil\.example\/err\.png/);
});

test('take tooltip: an ordinary record reads as before', () => {
  const md = takeTooltip(record({ status: 'done', requestId: 'req-123', error: undefined }));
  assert.equal(md, '**Done** · `fal-ai/kling-video/v3/pro/text-to-video`\n\na lighthouse\n\nRequest `req-123`');
});
