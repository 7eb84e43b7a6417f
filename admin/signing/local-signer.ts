import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Signer } from "./signer.js";

/**
 * The private key in `file`, made on first use. Processes that start together (tests, the CLI and
 * `npm start`) agree on one key: it is written beside and linked into place, which fails for all
 * but the first, so nobody reads a half-written key or replaces another's.
 */
const loadOrCreate = (file: string): KeyObject => {
  try {
    return createPrivateKey(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  const privateKey = newSigningKey();
  const draft = join(dirname(file), `.signing-key-${process.pid}-${Date.now()}.pem`);
  writeFileSync(draft, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return createPrivateKey(readFileSync(file, "utf8"));
};

/** The public half of a private key, base64 SPKI DER, as the function is given it. */
export const publicKeyOf = (privateKey: KeyObject): string =>
  createPublicKey(privateKey).export({ format: "der", type: "spki" }).toString("base64");

/** Signs with a P-256 private key held in this process. */
export const keySigner = (privateKey: KeyObject, keyId: string): Signer => {
  const publicKey = publicKeyOf(privateKey);
  return {
    keyId,
    sign: async (payload) => sign("sha256", payload, privateKey).toString("base64"),
    publicKey: async () => publicKey,
  };
};

/** A key made for this process only (the in-memory rule source's, the unit tests'). */
export const newSigningKey = (): KeyObject =>
  generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;

/** Signs with a P-256 key kept in a file: DynamoDB Local's stand-in for the stack's KMS key. */
export const localSigner = (file: string): Signer => keySigner(loadOrCreate(file), `local:${file}`);
