/**
 * The project's zod: the tree-shakable `zod/mini` API, with messages in the project's own words.
 *
 * The function bundles every schema it parses with. zod's classic API carries each method onto
 * every schema, which pulls the whole library into the bundle and into every cold start, where
 * `zod/mini` brings only the schemas and checks in use. zod/mini says only "Invalid input" unless
 * told otherwise, so the messages are configured once here, for every schema in the project.
 */
import { config } from "zod/mini";
import { issueMessage } from "./issue-message.js";

config({ localeError: issueMessage });

export * from "zod/mini";
