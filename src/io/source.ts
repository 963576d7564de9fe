/**
 * Where a reader's bytes come from: a file path (Node, Deno), a URL, a
 * Blob/File, bytes in memory, a web ReadableStream or a Node readable stream,
 * all turned into one async sequence of byte chunks with a name (for the
 * format and for messages) and, when known, the total size. A `.gz` source,
 * or one that starts with gzip's magic bytes, is decompressed on the fly.
 *
 * Why `node:fs` is imported on first use of a path: the entry must load in a
 * browser, where there is no file system and a static import would fail.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";

/** Anything {@link openSource} reads. */
export type EventSource =
  | string
  | URL
  | Blob
  | ArrayBuffer
  | Uint8Array
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>;

/** An opened source. */
export interface OpenedSource {
  /** The path, URL or file name; `"input"` when the source has none. */
  readonly name: string;
  /** Whether the source had a name that says what it is (a path, URL or file name). */
  readonly named: boolean;
  /** Size in bytes as stored (compressed, for a .gz), when known. */
  readonly totalBytes: number | undefined;
  /** The (decompressed) bytes, in chunks. */
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Bytes read from the source so far (before decompression). */
  bytesRead(): number;
  /** Whether the bytes are decompressed from gzip (known once the first chunk has come). */
  compressed(): boolean;
}

const CHUNK = 1 << 20;

/**
 * Opens a source for reading.
 *
 * @throws {@link InvalidInputError} naming the source when it is of no known kind, when a file is
 *   missing or unreadable, or when a URL answers with an error status
 */
export async function openSource(source: EventSource): Promise<OpenedSource> {
  let read = 0;
  const count = async function* (chunks: AsyncIterable<Uint8Array | string>): AsyncIterable<Uint8Array> {
    const encoder = new TextEncoder();
    for await (const chunk of chunks) {
      const bytes = typeof chunk === "string" ? encoder.encode(chunk) : toBytes(chunk);
      read += bytes.byteLength;
      yield bytes;
    }
  };
  const opened = await open(source);
  const chunks = count(opened.chunks);
  let gzip = false;
  return {
    name: opened.name,
    named: opened.named,
    totalBytes: opened.totalBytes,
    chunks: gunzipIfNeeded(chunks, opened.name, () => (gzip = true)),
    bytesRead: () => read,
    compressed: () => gzip,
  };
}

interface RawSource {
  name: string;
  named: boolean;
  totalBytes: number | undefined;
  chunks: AsyncIterable<Uint8Array | string>;
}

async function open(source: EventSource): Promise<RawSource> {
  if (typeof source === "string") return openPath(source);
  if (source instanceof URL) return source.protocol === "file:" ? openPath(source) : openUrl(source);
  if (typeof Blob !== "undefined" && source instanceof Blob) {
    const name = typeof (source as File).name === "string" && (source as File).name !== "" ? (source as File).name : "input";
    return { name, named: name !== "input", totalBytes: source.size, chunks: streamChunks(source.stream()) };
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    const bytes = toBytes(source as ArrayBuffer | Uint8Array);
    return { name: "input", named: false, totalBytes: bytes.byteLength, chunks: slices(bytes) };
  }
  if (source !== null && typeof source === "object") {
    if (typeof (source as ReadableStream).getReader === "function") return { name: "input", named: false, totalBytes: undefined, chunks: streamChunks(source as ReadableStream<Uint8Array>) };
    if (Symbol.asyncIterator in source) {
      // A Node readable stream opened on a file says which.
      const path = (source as { path?: unknown }).path;
      const name = typeof path === "string" ? path : "input";
      return { name, named: name !== "input", totalBytes: undefined, chunks: source as AsyncIterable<Uint8Array | string> };
    }
  }
  throw new InvalidInputError({
    field: "source",
    value: source,
    expected: "a file path, a URL, a Blob or File, an ArrayBuffer or Uint8Array, a web ReadableStream or a Node readable stream",
  });
}

async function openPath(path: string | URL): Promise<RawSource> {
  const name = typeof path === "string" ? path : decodeURIComponent(path.pathname);
  let fs: typeof import("node:fs");
  try {
    // Not a literal: bundlers leave it alone (and do not rewrite "node:fs" to "fs", which Deno refuses).
    const specifier = "node:fs";
    fs = (await import(/* @vite-ignore */ specifier)) as typeof import("node:fs");
  } catch {
    throw new InvalidInputError({ field: "source", value: name, expected: "a URL, Blob or bytes: file paths are read only where there is a file system (Node, Deno)" });
  }
  let size: number;
  try {
    const stat = await fs.promises.stat(path);
    if (!stat.isFile()) throw new Error("not a file");
    size = stat.size;
  } catch (e) {
    throw new InvalidInputError({ field: "source", value: name, expected: `a readable file (${reason(e)})`, source: name });
  }
  return { name, named: true, totalBytes: size, chunks: fs.createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Uint8Array> };
}

async function openUrl(url: URL): Promise<RawSource> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new InvalidInputError({ field: "source", value: url.href, expected: `a URL that can be fetched (${reason(e)})`, source: url.href });
  }
  if (!response.ok || response.body === null) {
    throw new InvalidInputError({ field: "source", value: url.href, expected: `a URL that answers with data (got HTTP ${response.status})`, source: url.href });
  }
  const length = Number(response.headers.get("content-length"));
  return { name: decodeURIComponent(url.pathname), named: true, totalBytes: Number.isFinite(length) && length > 0 ? length : undefined, chunks: streamChunks(response.body) };
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR" || (e instanceof Error && e.message === "not a file")) return "not a file";
  return e instanceof Error ? e.message : String(e);
}

function toBytes(x: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (x instanceof Uint8Array) return x;
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  return new Uint8Array(x);
}

async function* slices(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.byteLength; i += CHUNK) yield bytes.subarray(i, Math.min(bytes.byteLength, i + CHUNK));
}

async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Decompresses gzip when the name ends in `.gz` or the bytes start with
 * gzip's magic (1f 8b). A `.gz` name on bytes that are not gzip is an error.
 */
async function* gunzipIfNeeded(chunks: AsyncIterable<Uint8Array>, name: string, onGzip: () => void): AsyncIterable<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && first.value.byteLength < 2) {
    // Gather at least two bytes to see the magic.
    const next = await it.next();
    if (next.done) break;
    const joined = new Uint8Array(first.value.byteLength + next.value.byteLength);
    joined.set(first.value);
    joined.set(next.value, first.value.byteLength);
    first = { done: false, value: joined };
  }
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => {
      let pending: IteratorResult<Uint8Array> | null = first;
      return { next: async () => (pending !== null ? ((r) => ((pending = null), r))(pending) : it.next()) };
    },
  };
  const head = first.done ? new Uint8Array(0) : first.value;
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (!gzip) {
    if (/\.gz$/i.test(name)) {
      throw new InvalidInputError({ field: "source", value: name, expected: "gzip data, as the .gz name says (the file does not start with gzip's magic bytes 1f 8b)", source: name });
    }
    yield* rest;
    return;
  }
  if (typeof DecompressionStream === "undefined") {
    throw new InvalidInputError({ field: "source", value: name, expected: "uncompressed data: this runtime has no DecompressionStream to read gzip", source: name });
  }
  onGzip();
  const inflate = new DecompressionStream("gzip");
  const writer = inflate.writable.getWriter();
  const pump = (async () => {
    try {
      for await (const chunk of rest) await writer.write(chunk as Uint8Array<ArrayBuffer>);
      await writer.close();
    } catch (e) {
      await writer.abort(e).catch(() => {});
    }
  })();
  try {
    for await (const chunk of streamChunks(inflate.readable)) yield chunk;
  } catch (e) {
    throw new InvalidInputError({ field: "source", value: name, expected: `valid gzip data (${e instanceof Error ? e.message : String(e)})`, source: name });
  } finally {
    await pump;
  }
}

/** A source whose first bytes can be looked at before it is read. */
export interface PeekableSource {
  readonly source: OpenedSource;
  /** The first chunk (empty for an empty source); the source still yields it. */
  peek(): Promise<Uint8Array>;
}

/** Wraps an opened source so its first chunk can be looked at, then read again. */
export function peekable(opened: OpenedSource): PeekableSource {
  const it = opened.chunks[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<Uint8Array>> | null = null;
  const head = () => (first ??= it.next());
  let replayed = false;
  const chunks: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        if (!replayed) {
          replayed = true;
          return head();
        }
        return it.next();
      },
    }),
  };
  return {
    source: { ...opened, chunks, bytesRead: opened.bytesRead },
    peek: async () => {
      const r = await head();
      return r.done ? new Uint8Array(0) : r.value;
    },
  };
}
