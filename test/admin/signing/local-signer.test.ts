import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { keySigner, localSigner, newSigningKey } from "../../../admin/signing/local-signer.js";
import { signingPayload, verifierFor } from "../../../store/signature.js";

const payload = signingPayload({ version: 3, checksum: "ab".repeat(32) });

describe("the local signing key", () => {
  it("is made on first use and kept: a second signer reads the same key", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "signing-")), "nested", "key.pem");
    const first = localSigner(file);
    expect(readFileSync(file, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(await localSigner(file).publicKey()).toBe(await first.publicKey());
  });

  it("is one key when processes make it at the same moment", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "signing-")), "key.pem");
    const script = `import { localSigner } from ${JSON.stringify(new URL("../../../admin/signing/local-signer.ts", import.meta.url).href)};
process.stdout.write(await localSigner(${JSON.stringify(file)}).publicKey());`;
    const keys = await Promise.all(
      Array.from({ length: 4 }, () =>
        promisify(execFile)(process.execPath, [
          "--import",
          "tsx",
          "--input-type=module",
          "-e",
          script,
        ]),
      ),
    );
    expect(new Set(keys.map(({ stdout }) => stdout)).size).toBe(1);
  });
});

describe("signatures", () => {
  const signer = keySigner(newSigningKey(), "test");

  it("verify with the signer's public key, and with no other", async () => {
    const signature = await signer.sign(payload);
    expect(verifierFor(await signer.publicKey())(payload, signature)).toBe(true);
    const stranger = keySigner(newSigningKey(), "stranger");
    expect(verifierFor(await stranger.publicKey())(payload, signature)).toBe(false);
  });

  it("fail for a changed payload, and for a signature that is not one", async () => {
    const verify = verifierFor(await signer.publicKey());
    const signature = await signer.sign(payload);
    expect(verify(signingPayload({ version: 4, checksum: "ab".repeat(32) }), signature)).toBe(
      false,
    );
    expect(verify(payload, "not a signature")).toBe(false);
  });

  it("sign canonical JSON: the order of fields never matters", () => {
    expect(signingPayload({ b: 1, a: { d: 2, c: undefined } })).toEqual(
      signingPayload({ a: { d: 2 }, b: 1 }),
    );
  });
});
