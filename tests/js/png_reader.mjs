// A reader of palette PNGs for the tests of static/palette_png.js and its users: zlib inflates the pixels (and checks
// the Adler-32), each chunk's CRC is checked with palette_png.js's crc32 (itself checked against its published value).
import assert from "node:assert/strict";
import {inflateSync} from "node:zlib";

const PNG = await import("../../static/palette_png.js");

// A palette PNG's width, height, colour table and indices (row by row), after checking its signature, each chunk's
// CRC and its header; filter 0 only, as palette_png.js writes.
export function readPalettePng(file) {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  assert.deepEqual([...file.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks = [];
  for (let at = 8; at < file.length;) {
    const length = view.getUint32(at), type = String.fromCharCode(...file.subarray(at + 4, at + 8));
    assert.equal(view.getUint32(at + 8 + length), PNG.crc32(file, at + 4, at + 8 + length), `${type}'s CRC`);
    chunks.push({type, data: file.subarray(at + 8, at + 8 + length)});
    at += 12 + length;
  }
  assert.deepEqual(chunks.map((c) => c.type), ["IHDR", "PLTE", "IDAT", "IEND"]);
  const header = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset, 13);
  const w = header.getUint32(0), h = header.getUint32(4);
  assert.deepEqual([...chunks[0].data.subarray(8)], [8, 3, 0, 0, 0]);
  const raw = inflateSync(chunks[2].data);  // throws on a bad stream or Adler-32
  assert.equal(raw.length, h * (w + 1));
  const index = new Uint8Array(h * w);
  for (let i = 0; i < h; i++) {
    assert.equal(raw[i * (w + 1)], 0, `row ${i}'s filter`);
    index.set(raw.subarray(i * (w + 1) + 1, (i + 1) * (w + 1)), i * w);
  }
  return {w, h, lut: [...chunks[1].data], index};
}
