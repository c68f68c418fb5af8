// The browser suite's web-test-runner config, for Chromium (Playwright) or Firefox
// (puppeteer-core over WebDriver BiDi). Used by web-test-runner.config.mjs and
// web-test-runner.firefox.config.mjs.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { playwrightLauncher } from '@web/test-runner-playwright';
import puppeteer from 'puppeteer-core';
import { findChromium, chromiumArgs } from './chromium.mjs';
import { firefoxLaunchOptions } from './firefox.mjs';
import { mqttBrokerPlugin } from './mqtt-broker-plugin.mjs';
import { openPeerPlugin } from './open-peer-plugin.mjs';
import { vendorPlugin } from './vendor-plugin.mjs';
import { mqttBrowserDevServer } from './mqtt-browser.mjs';

/** The suite's config in 'chromium' (Playwright) or 'firefox' (puppeteer-core over BiDi). */
export function configFor(browser) {
  if (browser !== 'chromium' && browser !== 'firefox') throw new Error(`BROWSERS=${browser}: chromium or firefox`);
  // Chromium is looked for only when the suite runs in it (a Firefox run opens it, lazily,
  // only for the cross-browser test).
  const executablePath = browser === 'chromium' ? findChromium() : undefined;
  return {
    files: ['test/**/*.test.ts'],
    // 'browser' makes `import mqtt from 'mqtt'` resolve to mqtt.js's browser build.
    nodeResolve: { exportConditions: ['browser', 'development'] },
    // Two cores: a test file spawns extra browser contexts, so keep concurrency low.
    concurrency: 1,
    testFramework: { config: { timeout: 30000 } },
    testsFinishTimeout: 600000,
    browserStartTimeout: 60000,
    plugins: [
      // tsconfig: honour experimentalDecorators (else "Unsupported decorator location: field").
      esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
      mqttBrokerPlugin(),
      // src/ gets the slim mqtt.js our bundles carry; tests' own broker clients the full one.
      mqttBrowserDevServer(),
      // React and Vue for the demo pages the demo test opens.
      vendorPlugin(),
      openPeerPlugin({ executablePath, args: chromiumArgs }),
    ],
    browsers:
      browser === 'firefox'
        ? [chromeLauncher({ puppeteer, launchOptions: firefoxLaunchOptions() })]
        : [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, args: chromiumArgs } })],
  };
}
