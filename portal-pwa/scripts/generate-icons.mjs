// Draws the PWA icons (a white house with a door on Doorstep teal) as PNG files with nothing but
// Node's standard library: shapes are rasterised with 4x4 supersampling and written with zlib.
// Run `node scripts/generate-icons.mjs` after changing the design; the PNGs are committed.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const TEAL = [0x0f, 0x5f, 0x57];
const WHITE = [0xff, 0xff, 0xff];
const AMBER = [0xf5, 0xb7, 0x31];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// Shapes in unit coordinates (0..1 across the glyph box).
const inRect = (x, y, [x0, y0, x1, y1]) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
function inTriangle(x, y, [[ax, ay], [bx, by], [cx, cy]]) {
  const d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by);
  const d2 = (x - cx) * (by - cy) - (bx - cx) * (y - cy);
  const d3 = (x - ax) * (cy - ay) - (cx - ax) * (y - ay);
  const negative = d1 < 0 || d2 < 0 || d3 < 0;
  const positive = d1 > 0 || d2 > 0 || d3 > 0;
  return !(negative && positive);
}
function inRoundedSquare(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** The colour at (u, v) in the glyph box, or null where the background shows. */
function glyph(u, v) {
  const roof = inTriangle(u, v, [[0.5, 0.04], [0.0, 0.46], [1.0, 0.46]]);
  const walls = inRect(u, v, [0.14, 0.42, 0.86, 0.96]);
  const door = inRect(u, v, [0.38, 0.56, 0.62, 0.96]);
  const knob = (u - 0.57) ** 2 + (v - 0.77) ** 2 <= 0.028 ** 2;
  const step = inRect(u, v, [0.3, 0.96, 0.7, 1.0]);
  if (knob) return TEAL;
  if (door) return AMBER;
  if (roof || walls) return WHITE;
  if (step) return AMBER;
  return null;
}

/**
 * size: pixels; glyphScale: the glyph box as a share of the icon (maskable icons keep it inside
 * the central 80% safe zone); rounded: round the corners of the tile (transparent outside).
 */
function drawIcon(size, { glyphScale, rounded }) {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  const offset = (1 - glyphScale) / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (rounded && !inRoundedSquare(x, y, 0.18)) continue;
          const colour = glyph((x - offset) / glyphScale, (y - offset) / glyphScale) ?? TEAL;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 255;
        }
      }
      const n = samples * samples;
      const i = (py * size + px) * 4;
      const covered = a / 255;
      rgba[i] = covered ? Math.round(r / covered) : 0;
      rgba[i + 1] = covered ? Math.round(g / covered) : 0;
      rgba[i + 2] = covered ? Math.round(b / covered) : 0;
      rgba[i + 3] = Math.round(a / n);
    }
  }
  return encodePng(size, rgba);
}

const out = resolve(dirname(fileURLToPath(import.meta.url)), "../public/icons");
mkdirSync(out, { recursive: true });
const icons = [
  ["icon-192.png", 192, { glyphScale: 0.62, rounded: true }],
  ["icon-512.png", 512, { glyphScale: 0.62, rounded: true }],
  // Maskable: full-bleed background, glyph within the 80% safe zone circle.
  ["icon-maskable-512.png", 512, { glyphScale: 0.5, rounded: false }],
  // iOS masks the corners itself and dislikes transparency.
  ["apple-touch-icon-180.png", 180, { glyphScale: 0.62, rounded: false }],
  ["favicon-32.png", 32, { glyphScale: 0.78, rounded: true }],
];
for (const [name, size, options] of icons) {
  writeFileSync(resolve(out, name), drawIcon(size, options));
  console.log(`icons: wrote public/icons/${name} (${size}x${size})`);
}
