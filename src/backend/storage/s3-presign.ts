// Presigned S3 URLs with aws4fetch's SigV4 signer, which runs wherever Web Crypto does (a Worker,
// Node): for R2's S3 endpoint from the Worker, where the AWS SDK does not run. The headers handed
// out are signed, so the storage refuses other values; the checksum stays a header (not hoisted
// into the query) so the storage checks the bytes against it.
import { AwsV4Signer } from "aws4fetch";
import type { SignedUrl } from "./storage.js";

export interface S3Presigning {
  /** Path-style base, e.g. https://<account>.r2.cloudflarestorage.com */
  endpoint: string;
  bucket: string;
  /** "auto" for R2. */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  now: () => number;
}

/** Each segment escaped as S3 canonicalises it; the backend's keys need none, but a URL is no place to assume. */
const pathOf = (bucket: string, key: string) =>
  `/${bucket}/${key
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/")}`;

/**
 * `headers` are handed to the client with the URL; `signedOnly` are signed but not handed out (the
 * content length, which every client sends from the body).
 */
export async function presignS3(
  s3: S3Presigning,
  method: "GET" | "PUT",
  key: string,
  expiresInS: number,
  headers: Record<string, string>,
  signedOnly: Record<string, number> = {},
): Promise<SignedUrl> {
  const url = new URL(s3.endpoint.replace(/\/+$/, "") + pathOf(s3.bucket, key));
  url.searchParams.set("X-Amz-Expires", String(expiresInS));
  const signedAt = new Date(s3.now());
  const signer = new AwsV4Signer({
    method,
    url: url.href,
    headers: { ...headers, ...Object.fromEntries(Object.entries(signedOnly).map(([k, v]) => [k, String(v)])) },
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    service: "s3",
    region: s3.region,
    signQuery: true,
    // content-type and content-length too: aws4fetch leaves them out by default.
    allHeaders: true,
    datetime: signedAt.toISOString().replace(/[:-]|\.\d{3}/g, ""),
  });
  const signed = await signer.sign();
  return { url: signed.url.href, headers, expiresAt: new Date(signedAt.getTime() + expiresInS * 1000) };
}
