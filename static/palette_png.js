// ConvLab palette PNG: a picture of colour-table indices (one byte per pixel) as a PNG data URI, the kind of file
// convcore.plots.figures.png_uri makes. Written here, not by a canvas: a canvas's toDataURL compresses a full RGBA copy
// (about 18 ms for Y at 510 x 510 in Chromium, on every previewed edit). The indices are stored uncompressed, which
// the browser reads back at once.

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const STORED_BLOCK = 65535;  // the most bytes one stored deflate block holds
const BASE64 = new TextEncoder().encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

const CRC_TABLE = Uint32Array.from({length: 256}, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

// The CRC-32 of bytes[start, end), as PNG chunks carry it.
export function crc32(bytes, start = 0, end = bytes.length) {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// The Adler-32 of bytes, as a zlib stream ends with it.
export function adler32(bytes) {
  let a = 1, b = 0;
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(i + 5552, bytes.length);  // the most bytes before b can pass 2^32
    for (; i < end; i++) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// bytes as base64 text.
export function base64(bytes) {
  const n = bytes.length, out = new Uint8Array(4 * Math.ceil(n / 3));
  let o = 0, i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = BASE64[v >>> 18];
    out[o++] = BASE64[(v >>> 12) & 63];
    out[o++] = BASE64[(v >>> 6) & 63];
    out[o++] = BASE64[v & 63];
  }
  if (i < n) {
    const v = (bytes[i] << 16) | (i + 1 < n ? bytes[i + 1] << 8 : 0);
    out[o++] = BASE64[v >>> 18];
    out[o++] = BASE64[(v >>> 12) & 63];
    out[o++] = i + 1 < n ? BASE64[(v >>> 6) & 63] : 61;  // "="
    out[o++] = 61;
  }
  return new TextDecoder().decode(out);
}

// The PNG file of an h x w picture of `index` (row by row) in the colours `lut` (256 x [r, g, b], flat).
export function palettePng(index, h, w, lut) {
  const raw = new Uint8Array(h * (w + 1));  // each row: filter 0 (none), then its indices
  for (let i = 0; i < h; i++) raw.set(index.subarray(i * w, (i + 1) * w), i * (w + 1) + 1);
  const blocks = Math.max(1, Math.ceil(raw.length / STORED_BLOCK));
  const idat = 2 + raw.length + 5 * blocks + 4;
  const file = new Uint8Array(SIGNATURE.length + (12 + 13) + (12 + 768) + (12 + idat) + 12);
  const view = new DataView(file.buffer);
  file.set(SIGNATURE);
  let at = SIGNATURE.length;
  const chunk = (type, length, write) => {
    view.setUint32(at, length);
    const start = at + 4;
    for (let k = 0; k < 4; k++) file[start + k] = type.charCodeAt(k);
    write(start + 4);
    view.setUint32(start + 4 + length, crc32(file, start, start + 4 + length));
    at = start + 8 + length;
  };
  chunk("IHDR", 13, (o) => {
    view.setUint32(o, w);
    view.setUint32(o + 4, h);
    file.set([8, 3, 0, 0, 0], o + 8);  // 8 bits, palette colours, deflate, adaptive filters, not interlaced
  });
  chunk("PLTE", 768, (o) => { for (let k = 0; k < 768; k++) file[o + k] = lut[k]; });
  chunk("IDAT", idat, (o) => {
    file[o] = 0x78;  // a zlib stream: deflate, 32 kB window
    file[o + 1] = 0x01;  // no preset dictionary, fastest (the header's check bits make it a multiple of 31)
    o += 2;
    for (let b = 0; b < blocks; b++) {
      const from = b * STORED_BLOCK, size = Math.min(STORED_BLOCK, raw.length - from);
      file[o] = b === blocks - 1 ? 1 : 0;  // stored, and whether the last
      view.setUint16(o + 1, size, true);
      view.setUint16(o + 3, ~size & 0xffff, true);
      file.set(raw.subarray(from, from + size), o + 5);
      o += 5 + size;
    }
    view.setUint32(o, adler32(raw));
  });
  chunk("IEND", 0, () => {});
  return file;
}

// The same PNG as a data URI.
export function palettePngUri(index, h, w, lut) {
  return `data:image/png;base64,${base64(palettePng(index, h, w, lut))}`;
}
