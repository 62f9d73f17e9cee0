// Real storage servers on 127.0.0.1 for the storage tests: Azurite (Azure Blob) in a child process,
// and @20minutes/s3rver (S3, with signature checks) in this one. Each gets keys of its own, so a
// test can look for them in logs and answers.
import { afterAll, beforeAll } from "vitest";
import S3rver from "@20minutes/s3rver";
import { DUMMY_ACCOUNT } from "@20minutes/s3rver/lib/models/account.js";
import { CreateBucketCommand, PutBucketCorsCommand, S3Client, type CORSConfiguration } from "@aws-sdk/client-s3";
import { BlobServiceClient, StorageSharedKeyCredential, type CorsRule } from "@azure/storage-blob";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

export interface S3Server {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** An empty bucket, with a CORS rule when given one. */
  createBucket(name: string, cors?: CORSConfiguration): Promise<void>;
  /** The backend's environment for one bucket. */
  env(bucket: string): Record<string, string>;
  close(): Promise<void>;
}

export async function startS3rver(): Promise<S3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), "depthframe-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const accessKeyId = `AKIA${randomBytes(8).toString("hex").toUpperCase()}`;
  const secretAccessKey = randomBytes(30).toString("base64url");
  DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
  });
  // s3rver signs a bucket's own path without its trailing slash; the SDK sends "/bucket/".
  client.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { path?: string };
      if (request.path) request.path = request.path.replace(/^(\/[^/]+)\/$/, "$1");
      return next(args);
    },
    { step: "build" },
  );
  return {
    endpoint,
    accessKeyId,
    secretAccessKey,
    async createBucket(name, cors) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
      if (cors) await client.send(new PutBucketCorsCommand({ Bucket: name, CORSConfiguration: cors }));
    },
    env: (bucket) => ({
      STORAGE: "s3",
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: "true",
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
    }),
    async close() {
      client.destroy();
      const closed = server.close();
      server.httpServer?.closeAllConnections();
      await closed;
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export interface AzuriteServer {
  endpoint: string;
  account: string;
  accountKey: string;
  createContainer(name: string): Promise<void>;
  /** The account's CORS rules (blob service properties), as the Azure CLI or portal sets them. */
  setCors(rules: CorsRule[]): Promise<void>;
  env(container: string): Record<string, string>;
  close(): Promise<void>;
}

const AZURITE_BIN = new URL("../../node_modules/.bin/azurite-blob", import.meta.url).pathname;

export async function startAzurite(): Promise<AzuriteServer> {
  const account = "depthframetest";
  const accountKey = randomBytes(64).toString("base64");
  const child = spawn(
    AZURITE_BIN,
    [
      "--blobHost",
      "127.0.0.1",
      "--blobPort",
      "0",
      "--inMemoryPersistence",
      "--skipApiVersionCheck",
      "--loose",
      "--disableTelemetry",
      "--silent",
    ],
    // An account of its own, instead of the well-known development key.
    { env: { ...process.env, AZURITE_ACCOUNTS: `${account}:${accountKey}` }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout! });
  let port: string | undefined;
  for await (const line of lines) {
    port = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(line)?.[1];
    if (port) break;
  }
  if (!port) throw new Error(`Azurite did not start (exit code ${child.exitCode})`);
  const endpoint = `http://127.0.0.1:${port}/${account}`;
  const service = new BlobServiceClient(endpoint, new StorageSharedKeyCredential(account, accountKey));
  return {
    endpoint,
    account,
    accountKey,
    async createContainer(name) {
      await service.getContainerClient(name).create();
    },
    async setCors(rules) {
      await service.setProperties({ cors: rules });
    },
    env: (container) => ({
      STORAGE: "azure",
      AZURE_STORAGE_ACCOUNT: account,
      AZURE_STORAGE_KEY: accountKey,
      AZURE_STORAGE_CONTAINER: container,
      AZURE_STORAGE_ENDPOINT: endpoint,
    }),
    async close() {
      lines.close();
      child.kill("SIGTERM");
      if (child.exitCode === null && child.signalCode === null) await once(child, "exit");
    },
  };
}

/** An S3 server with a bucket and Azurite with a container, both named `name`, for one test file. */
export function useStorageServers(name: string): { s3: () => S3Server; azurite: () => AzuriteServer } {
  let s3: S3Server | undefined;
  let azurite: AzuriteServer | undefined;
  beforeAll(async () => {
    [s3, azurite] = await Promise.all([startS3rver(), startAzurite()]);
    await Promise.all([s3.createBucket(name), azurite.createContainer(name)]);
  });
  afterAll(() => Promise.all([s3?.close(), azurite?.close()]));
  return { s3: () => s3!, azurite: () => azurite! };
}
