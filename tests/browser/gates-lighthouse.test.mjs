// Gate: Lighthouse scores the home page, the longest SOP (Paser) and the
// search page 100 for accessibility and at least 95 for performance, best
// practices and SEO, on mobile (Lighthouse's default: simulated slow 4G, 4x
// CPU slowdown) and desktop, served like a static host (gzip, cache headers)
// and built with the server's absolute base URL; no request leaves
// 127.0.0.1. Scores are printed; `node lighthouse.mjs` gives the details.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CATEGORIES, MINIMUM, PAGES, audit, buildAndServePublished, formatScores, launchChrome, removeSite }
  from './lighthouse.mjs';

let site, server, origin, chrome;
before(async () => {
  ({ site, server, origin } = await buildAndServePublished());
  chrome = await launchChrome();
});
after(() => {
  chrome?.kill();
  server?.close();
  removeSite(site);
});

for (const formFactor of ['mobile', 'desktop']) {
  for (const page of PAGES) {
    test(`Lighthouse ${formFactor} ${page}: accessibility 100, performance, best practices and SEO >= 95`,
      { timeout: 180_000 }, async () => {
        const r = await audit(origin + page, chrome.port, formFactor);
        console.log(`lighthouse ${formFactor} ${page}: ${formatScores(r.scores)}`);
        assert.deepEqual(r.offsite, [], 'requests leaving 127.0.0.1');
        assert.ok(r.requests > 0, 'Lighthouse saw no request');
        const low = CATEGORIES.filter((c) => !(r.scores[c] >= MINIMUM[c]));
        assert.deepEqual(low, [], `scores below the gate on ${page} (${formatScores(r.scores)}):\n  ` +
          `${r.failing.join('\n  ')}\n  metrics: ${JSON.stringify(r.metrics)}`);
      });
  }
}
