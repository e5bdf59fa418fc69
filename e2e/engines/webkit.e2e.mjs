// The engine subset in WebKit (Debian's webkit2gtk-driver: WebKitWebDriver driving MiniBrowser
// under Xvfb, through selenium-webdriver). Run: node --test e2e/engines/webkit.e2e.mjs (after
// scripts/build.sh); scripts/test.sh runs it.
import { engineSuite } from './checks.mjs';

engineSuite('webkit');
