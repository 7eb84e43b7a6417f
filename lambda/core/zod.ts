/**
 * The project's zod: the tree-shakable `zod/mini` API, with zod's English messages.
 *
 * The function bundles every schema it parses with; zod's classic API carries each method onto
 * every schema, which pulls the whole library into the bundle and into every cold start, where
 * `zod/mini` brings only the schemas and checks in use. Without a locale, zod/mini says only
 * "Invalid input", so the English one is configured once here, for every schema in the project.
 */
import { en } from "zod/locales";
import { config } from "zod/mini";

config(en());

export * from "zod/mini";
