// @ts-check
// An ESLint rule keeping features apart: a module under src/features/<name>/ imports neither
// another feature nor the app layer (src/app/). Imports are resolved first, so `@/features/x`,
// `../../x` and `../../../app/y` are judged by where they land, not by how they are spelled.
import path from "node:path";

const FEATURES = "features";
const APP = "app";

/**
 * The zone of a file under srcDir: ["features", name], ["app"], or [] elsewhere.
 * @param {string} srcDir
 * @param {string} file
 * @returns {string[]}
 */
function zoneOf(srcDir, file) {
  const relative = path.relative(srcDir, file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return [];
  const [top, name] = relative.split(path.sep);
  if (top === FEATURES && name !== undefined) return [FEATURES, name];
  if (top === APP) return [APP];
  return [];
}

/** @type {import("eslint").Rule.RuleModule} */
const featureBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "A feature imports neither another feature nor the app layer." },
    schema: [
      {
        type: "object",
        properties: { srcDir: { type: "string" } },
        required: ["srcDir"],
        additionalProperties: false,
      },
    ],
    messages: {
      crossFeature:
        "Feature '{{ from }}' imports feature '{{ to }}': move what they share to src/lib, src/components or web-shared.",
      appLayer: "Feature '{{ from }}' imports the app layer (src/app): the app composes features, not the other way round.",
    },
  },
  create(context) {
    const { srcDir } = /** @type {{ srcDir: string }} */ (context.options[0]);
    const [zone, feature] = zoneOf(srcDir, context.filename);
    if (zone !== FEATURES || feature === undefined) return {};

    /** @param {import("estree").Node} node @param {unknown} source */
    function check(node, source) {
      if (typeof source !== "string") return;
      let target;
      if (source.startsWith("@/")) target = path.join(srcDir, source.slice(2));
      else if (source.startsWith(".")) target = path.resolve(path.dirname(context.filename), source);
      else return; // a package: web-shared, React, ...
      const [targetZone, targetFeature] = zoneOf(srcDir, target);
      if (targetZone === APP) {
        context.report({ node, messageId: "appLayer", data: { from: feature } });
      } else if (targetZone === FEATURES && targetFeature !== feature) {
        context.report({ node, messageId: "crossFeature", data: { from: feature, to: targetFeature ?? "" } });
      }
    }

    return {
      ImportDeclaration: (node) => {
        check(node, node.source.value);
      },
      ExportNamedDeclaration: (node) => {
        if (node.source) check(node, node.source.value);
      },
      ExportAllDeclaration: (node) => {
        check(node, node.source.value);
      },
      ImportExpression: (node) => {
        if (node.source.type === "Literal") check(node, node.source.value);
      },
    };
  },
};

export const zones = { rules: { "feature-boundaries": featureBoundaries } };
