import type { Browser } from "playwright-core";
import { type LocalApi, startLocalApi } from "../../local/local-api.js";
import { LOCAL_DEFAULTS } from "../../local/local-defaults.js";
import { scratchFolder } from "../support/scratch.js";
import { launchBrowser } from "./browser.js";

/** A local API serving the studio, in a table of its own, and the browser the test drives. */
export interface StudioUnderTest {
  readonly server: LocalApi;
  readonly browser: Browser;
  stop(): Promise<void>;
}

/**
 * The studio over the shipped rules, in a table named `name` and signed with a key of its own, a
 * published version served within a second; started beside one Chromium, both at once.
 */
export const startStudio = async (name: string): Promise<StudioUnderTest> => {
  const [server, browser] = await Promise.all([
    startLocalApi({
      port: 0,
      tableName: name,
      ttlSeconds: 1,
      seedRules: LOCAL_DEFAULTS.shippedRules,
      signingKeyFile: `${scratchFolder(name)}/signing-key.pem`,
      logs: false,
      studio: true,
    }),
    launchBrowser(),
  ]);
  return {
    server,
    browser,
    stop: async () => {
      await browser.close();
      await server.stop();
    },
  };
};
