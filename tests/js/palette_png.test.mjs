// static/palette_png.js: its checksums against their published check values, and its PNGs read back (png_reader.mjs).
import assert from "node:assert/strict";
import {test} from "node:test";

import {readPalettePng} from "./png_reader.mjs";

const PNG = await import("../../static/palette_png.js");

const ascii = (text) => new TextEncoder().encode(text);

test("crc32 and adler32 give the published check values", () => {
  assert.equal(PNG.crc32(ascii("123456789")), 0xcbf43926);
  assert.equal(PNG.crc32(ascii("IEND")), 0xae426082);  // every PNG's last CRC
  assert.equal(PNG.adler32(ascii("Wikipedia")), 0x11e60398);
  assert.equal(PNG.adler32(new Uint8Array(100000).fill(255)), adlerByDefinition(new Uint8Array(100000).fill(255)));
});

function adlerByDefinition(bytes) {
  let a = 1, b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

test("base64 writes what Node's Buffer writes, for every length's remainder", () => {
  for (const n of [0, 1, 2, 3, 4, 5, 255, 256, 257]) {
    const bytes = Uint8Array.from({length: n}, (_, i) => (i * 37 + 11) & 255);
    assert.equal(PNG.base64(bytes), Buffer.from(bytes).toString("base64"), `${n} bytes`);
  }
});

test("palettePng holds the picture's indices and colour table, over several stored blocks", () => {
  const lut = Array.from({length: 768}, (_, k) => (k * 7) & 255);
  for (const [h, w] of [[1, 1], [6, 7], [300, 301]]) {  // 300 x 302 bytes: two stored blocks
    const index = Uint8Array.from({length: h * w}, (_, k) => (k * 13 + (k >> 5)) & 255);
    const file = PNG.palettePng(index, h, w, lut);
    const read = readPalettePng(file);
    assert.deepEqual([read.h, read.w], [h, w]);
    assert.deepEqual(read.lut, lut);
    assert.deepEqual(read.index, index);
    const uri = PNG.palettePngUri(index, h, w, lut);
    assert.equal(uri, `data:image/png;base64,${Buffer.from(file).toString("base64")}`);
  }
});
