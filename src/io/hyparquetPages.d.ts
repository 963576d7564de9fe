// Types of hyparquetPages.js: the page-level pieces of hyparquet 1.33.0 (see its src/column.js,
// src/datapage.js and src/encoding.js).
import type { CompressionCodec, Compressors, PageHeader } from "hyparquet";

export interface DataReader {
  view: DataView;
  offset: number;
}
export function parquetHeader(reader: DataReader): PageHeader;
export function decompressPage(compressedBytes: Uint8Array, uncompressedPageSize: number, codec: CompressionCodec, compressors: Compressors | undefined): Uint8Array;
export function readRleBitPackedHybrid(reader: DataReader, width: number, output: number[] | Int32Array, length?: number): void;
