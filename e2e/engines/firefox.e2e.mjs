// The engine subset in Firefox (Debian's firefox-esr, puppeteer-core over WebDriver BiDi).
// Run: node --test e2e/engines/firefox.e2e.mjs (after scripts/build.sh); scripts/test.sh runs it.
import { engineSuite } from './checks.mjs';

engineSuite('firefox');
