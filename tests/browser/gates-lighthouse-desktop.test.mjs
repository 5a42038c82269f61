// Gate: Lighthouse's desktop configuration scores the home page, the
// longest SOP (Paser) and the search page 100 for accessibility and at
// least 95 for performance, best practices and SEO (see
// gates-lighthouse-mobile.test.mjs and lighthouse.mjs).
import { lighthouseGate } from './lighthouse.mjs';

lighthouseGate('desktop');
