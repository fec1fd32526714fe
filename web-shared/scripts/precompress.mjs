// @ts-check
// Writes a brotli (.br) and a gzip (.gz) copy next to each compressible file of a built front end,
// so the API serves them as they are (backend/doorstep/core/static.py) instead of compressing on
// every request. Runs after `vite build` (and after vite-plugin-pwa has written the service
// worker), so no later step can change a file behind its compressed copies.
//
//   node ../web-shared/scripts/precompress.mjs dist
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|xml)$/;
// Below this a compressed response saves less than its extra header and round of decoding costs.
const MINIMUM_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** @param {string} directory @returns {AsyncGenerator<string>} */
async function* filesUnder(directory) {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** @param {string} path */
async function precompress(path) {
  const content = await readFile(path);
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  // A copy that is not smaller is useless: the original is served instead.
  if (br.length < content.length) await writeFile(`${path}.br`, br);
  if (gz.length < content.length) await writeFile(`${path}.gz`, gz);
}

const root = process.argv[2];
if (root === undefined) {
  console.error("usage: node precompress.mjs <dist directory>");
  process.exit(2);
}
/** @type {Promise<void>[]} */
const pending = [];
for await (const path of filesUnder(root)) {
  if (COMPRESSIBLE.test(path) && (await stat(path)).size >= MINIMUM_BYTES) pending.push(precompress(path));
}
await Promise.all(pending);
