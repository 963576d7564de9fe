// The page-level pieces of hyparquet (pinned to 1.33.0 in package.json) that its package entry does
// not export: the page header, decompression and the RLE/bit-packed hybrid decoder. The columnar
// Parquet reader (parquetColumns.ts) reads flat columns with them; types in hyparquetPages.d.ts.
export { parquetHeader } from "../../node_modules/hyparquet/src/column.js";
export { decompressPage } from "../../node_modules/hyparquet/src/datapage.js";
export { readRleBitPackedHybrid } from "../../node_modules/hyparquet/src/encoding.js";
