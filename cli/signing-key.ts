import { kmsSigner } from "../admin/signing/kms-signer.js";
import { localSigner } from "../admin/signing/local-signer.js";
import type { Signer } from "../admin/signing/signer.js";
import { LOCAL_DEFAULTS } from "../local/local-defaults.js";
import { chosenOnce } from "./chosen-once.js";
import { onDynamoDbLocal, SIGNING_KEY_ENV } from "./where-it-runs.js";

const chooseSigner = (env: NodeJS.ProcessEnv): Signer => {
  const keyId = env[SIGNING_KEY_ENV];
  if (keyId) return kmsSigner(keyId);
  if (onDynamoDbLocal(env)) return localSigner(LOCAL_DEFAULTS.signingKeyFile);
  throw new Error(
    `no signing key: set ${SIGNING_KEY_ENV} to the stack's SigningKeyArn output (on DynamoDB Local a local key is used)`,
  );
};

/**
 * What the CLI signs and verifies with: the KMS key $CODE_RULES_SIGNING_KEY names, or on DynamoDB
 * Local the key in .local-data/. Chosen when first used: `list`, `show` and `audit` need neither;
 * a command that reads a version's rules verifies them with the key's public half.
 */
export const cliSigner = (env: NodeJS.ProcessEnv = process.env): Signer => {
  const signer = chosenOnce(() => chooseSigner(env));
  return {
    get keyId() {
      return signer().keyId;
    },
    sign: (payload) => signer().sign(payload),
    publicKey: () => signer().publicKey(),
  };
};
