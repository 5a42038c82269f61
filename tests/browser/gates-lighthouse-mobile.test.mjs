// Gate: Lighthouse's default mobile run (simulated slow 4G, 4x CPU
// slowdown) scores the home page, the longest SOP (Paser) and the search
// page 100 for accessibility and at least 95 for performance, best
// practices and SEO; served like a static host (gzip, cache headers), built
// with the server's absolute base URL; no request leaves 127.0.0.1 (see
// lighthouse.mjs; `node lighthouse.mjs` prints what costs points).
import { lighthouseGate } from './lighthouse.mjs';

lighthouseGate('mobile');
