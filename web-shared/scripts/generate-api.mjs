// Generates src/lib/api/schema.d.ts (gitignored) from the API's OpenAPI document:
// $OPENAPI_SPEC when set, else ../openapi/openapi.json (the committed contract).
// One generated copy serves both apps: they import it as "@doorstep/web-shared/lib/api/schema".
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const spec = resolve(root, process.env.OPENAPI_SPEC || "../openapi/openapi.json");
const output = resolve(root, "src/lib/api/schema.d.ts");
const ast = await openapiTS(pathToFileURL(spec));
await mkdir(dirname(output), { recursive: true });
await writeFile(output, COMMENT_HEADER + astToString(ast));
console.log(`generate: ${relative(root, spec)} -> ${relative(root, output)}`);
