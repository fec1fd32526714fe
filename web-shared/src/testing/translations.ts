interface Messages {
  [key: string]: string | Messages;
}

function flatten(tree: Messages, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/**
 * How a translation falls short of the English one: keys it lacks, keys English does not have,
 * and texts left in English. `sameWords` lists the keys rightly the same as in English (names,
 * placeholders, words both languages share), checked by hand rather than forgotten.
 */
export function translationGaps(english: Messages, translation: Messages, sameWords: readonly string[] = []) {
  const source = flatten(english);
  const target = flatten(translation);
  return {
    missing: [...source.keys()].filter((key) => !target.has(key)).sort(),
    extra: [...target.keys()].filter((key) => !source.has(key)).sort(),
    untranslated: [...source]
      .filter(([key, text]) => target.get(key) === text && !sameWords.includes(key))
      .map(([key]) => key)
      .sort(),
  };
}
