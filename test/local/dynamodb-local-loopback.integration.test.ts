import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { endianness, networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DynamoDbLocal, startDynamoDbLocal } from "../../local/dynamodb-local.js";

// The kernel's socket tables: they list every listening socket, whichever interface it is bound to.
const TCP_TABLES = ["/proc/net/tcp", "/proc/net/tcp6"];
const LISTEN = "0A";

/** /proc/net/tcp{,6} print each 32-bit word of an address in the machine's own byte order. */
const bytesOf = (hex: string): number[] =>
  (hex.match(/.{8}/g) ?? []).flatMap((word) => {
    const bytes = (word.match(/../g) ?? []).map((byte) => Number.parseInt(byte, 16));
    return endianness() === "LE" ? bytes.reverse() : bytes;
  });

/** An IPv4 address as dotted, an IPv4-mapped IPv6 one too (Java binds 127.0.0.1 that way). */
const addressOf = (hex: string): string => {
  const bytes = bytesOf(hex);
  const v4Mapped =
    bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff;
  if (bytes.length === 4 || v4Mapped) return bytes.slice(-4).join(".");
  return bytes.every((b) => b === 0) ? "::" : hex;
};

const listeningAddresses = (port: number): string[] =>
  TCP_TABLES.filter((table) => existsSync(table)).flatMap((table) =>
    readFileSync(table, "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter(([, local, , state]) => state === LISTEN && local?.endsWith(`:${hex4(port)}`))
      .map(([, local = ""]) => addressOf(local.split(":")[0] ?? "")),
  );

const hex4 = (port: number): string => port.toString(16).toUpperCase().padStart(4, "0");

/** "connected", or the error code the connection failed with (ECONNREFUSED when none listens). */
const connectOutcome = (host: string, port: number): Promise<string> =>
  new Promise((resolveOutcome) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolveOutcome("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolveOutcome(error.code ?? "error"));
  });

const nonLoopbackIpv4 = (): string[] =>
  Object.values(networkInterfaces())
    .flat()
    .flatMap((address) =>
      address && address.family === "IPv4" && !address.internal ? [address.address] : [],
    );

let dynamo: DynamoDbLocal | undefined;
const port = (): number => {
  if (!dynamo) throw new Error("DynamoDB Local did not start");
  return dynamo.port;
};

beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
});

afterAll(async () => {
  await dynamo?.stop();
});

describe("DynamoDB Local started by startDynamoDbLocal", () => {
  it.skipIf(!existsSync("/proc/net/tcp"))(
    "has one listening socket, bound to 127.0.0.1 (not 0.0.0.0 or ::) [skipped where there is no /proc/net/tcp]",
    () => {
      expect(listeningAddresses(port())).toEqual(["127.0.0.1"]);
    },
  );

  it("accepts connections on 127.0.0.1 and refuses them on this machine's other IPv4 addresses", async (context) => {
    expect(await connectOutcome("127.0.0.1", port())).toBe("connected");
    const others = nonLoopbackIpv4();
    if (others.length === 0) context.skip("this machine has no non-loopback IPv4 address");
    for (const address of others) {
      expect({ address, outcome: await connectOutcome(address, port()) }).toEqual({
        address,
        outcome: "ECONNREFUSED",
      });
    }
  });
});
