// Gate: axe-core finds no violation on any page type of the built shipped
// site in the dark colour scheme at 375 px (see lib/gates.mjs).
import { axeGate } from './lib/gates.mjs';

axeGate({ scheme: 'dark', width: 375 });
