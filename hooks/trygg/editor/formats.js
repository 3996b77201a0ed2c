// Our own file formats for Decap CMS (CMS.registerCustomFormat): YAML front matter for .md and
// YAML for .yml, which keep what a writer or an editor wrote. Decap's own formats write the whole
// YAML again on save, losing every comment (our notes about the sources) and changing quotes and
// folded text; these apply the form's values onto the original text instead:
//
// - a value the form did not change keeps its bytes (comments, quotes, folded text, key order);
// - a changed value is written again in place (a quoted text stays quoted), a removed key is
//   removed, a new key goes after the last one of its map (in the form's order);
// - a new file is written cleanly, in the form's order.
//
// YAML is read as trygg's loader reads it (trygg.core.source): only null, true/false and ISO dates
// are resolved, everything else is text ("0701740605", "ja", "8.30"), so the form shows what
// `trygg check` sees. Two shapes are translated for the forms: a file whose top level is a list
// is one object with that list under one key (options.list), and a shorthand written as plain text (a point,
// an effect, a responsible) is the object it stands for (`{text: "…"}`), written back as plain
// text while it has nothing but its text. The YAML library is eemeli/yaml 2 (editor/package.json),
// served beside this file under yaml/.
import * as YAML from "./yaml/index.js";

export const ORIGINAL = "__trygg_original"; // the file as read: the text the values are applied onto
export const KEYS = "__trygg_keys"; // its top-level keys, for a collection's `filter`
const LINE_WIDTH = 100;

class YamlDate {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
  toJSON() { return this.text; }
}

const TAGS = [
  { tag: "tag:yaml.org,2002:null", default: true, test: /^(?:~|null|Null|NULL)?$/,
    resolve: () => null, identify: (v) => v === null || v === undefined, stringify: () => "~" },
  { tag: "tag:yaml.org,2002:bool", default: true, test: /^(?:true|True|TRUE|false|False|FALSE)$/,
    resolve: (s) => s[0] === "t" || s[0] === "T", identify: (v) => typeof v === "boolean",
    stringify: ({ value }) => (value ? "true" : "false") },
  { tag: "tag:yaml.org,2002:timestamp", default: true, test: /^\d{4}-\d\d-\d\d$/,
    resolve: (s) => new YamlDate(s), identify: (v) => v instanceof YamlDate, stringify: ({ value }) => value.text },
  // numbers come only from the form (number widgets); read back, they are text like every number
  { tag: "tag:yaml.org,2002:int", default: true, identify: (v) => typeof v === "number",
    stringify: ({ value }) => String(value) },
];
const OPTIONS = { schema: "failsafe", customTags: TAGS, merge: false, keepSourceTokens: false };
const WRITE = { lineWidth: LINE_WIDTH, minContentWidth: 40, indentSeq: true, flowCollectionPadding: false };
const DATE = /^\d{4}-\d\d-\d\d$/;
// Plain text that YAML 1.1 (PyYAML, GitHub) or 1.2 would read as something else: numbers ("03",
// "8.30", "1e3", "0x1F", "1:30"), truth values ("ja" is text, "yes" and "on" are not) and null.
// trygg reads them all as text, but a new value is quoted so that every reader agrees.
const READ_AS_OTHER = new RegExp("^(?:[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?|[-+]?0(?:x[0-9a-fA-F_]+" +
  "|o[0-7_]+|b[01_]+)|[-+]?[0-9]+(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)" +
  "|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL)$");

// options: {frontmatter: bool, list: the key a top-level list goes under, shorthand: [[path, text
// key]], fields: Decap's fields, or a list of them for a files collection}
export function formatter(options) {
  const shorthand = (options.shorthand || []).map(([path, key]) => ({ path, key }));
  const orders = fieldOrders(options.fields || [], []);
  return {
    fromFile(content) {
      const { head, yaml } = options.frontmatter ? splitFrontMatter(content) : { head: "", yaml: content };
      let data;
      try {
        data = toValue(parse(yaml).contents);
      } catch (error) {
        // YAML we cannot read: an empty form, and a save fails (on the same error) rather than
        // replace the file with the form's few values; trygg check names the mistake in Swedish
        console.error(error);
        return { [ORIGINAL]: content, [KEYS]: [] };
      }
      if (options.list && (data === null || Array.isArray(data))) {
        data = { [options.list]: data || [] };
      }
      data = data && typeof data === "object" && !Array.isArray(data) ? data : {};
      shorthand.forEach(({ path, key }) => { data = expand(data, path, key); });
      const found = { ...data, [ORIGINAL]: content, [KEYS]: Object.keys(data) };
      if (options.frontmatter) {
        const body = content.slice(head.length);
        if (body.trim()) {
          found.body = body;
        }
      }
      return found;
    },
    toFile(data, sortedKeys) {
      const { [ORIGINAL]: original, [KEYS]: _keys, body, ...fields } = data;
      let value = fields;
      let root = [];
      if (options.list && options.list in value && Object.keys(value).length === 1) {
        value = value[options.list];
        root = [options.list];
      }
      const order = (path, keys) => ordered(orders, path, keys, sortedKeys);
      const ctx = { root, order, shorthand };
      let yaml;
      let tail = body === undefined ? "" : body;
      if (typeof original === "string") {
        const split = options.frontmatter ? splitFrontMatter(original) : { head: "", yaml: original };
        yaml = applyOnto(split.yaml, value, ctx);
        const oldBody = original.slice(split.head.length);
        if (body === undefined ? !oldBody.trim() : body === oldBody) {
          tail = oldBody;
        }
      } else {
        yaml = fresh(value, ctx);
      }
      if (!options.frontmatter) {
        return yaml;
      }
      if (!Array.isArray(value) && Object.keys(value).every((k) => isEmpty(value[k]))) {
        return tail; // a page without front matter (a meeting's notes) stays so, a new one is made so
      }
      return `---\n${yaml}---\n${tail}`;
    },
  };
}

function splitFrontMatter(content) {
  const match = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(content);
  return match ? { head: match[0], yaml: match[1] || "" } : { head: "", yaml: "" };
}

function parse(text) {
  const doc = YAML.parseDocument(text, OPTIONS);
  if (doc.errors.length) {
    throw new Error(`YAML: ${doc.errors.map((e) => e.message).join("\n")}`);
  }
  return doc;
}

function toValue(node) {
  if (node === null || node === undefined) return null;
  if (YAML.isMap(node)) {
    const found = {};
    node.items.forEach((pair) => { found[String(toValue(pair.key))] = toValue(pair.value); });
    return found;
  }
  if (YAML.isSeq(node)) return node.items.map(toValue);
  if (YAML.isScalar(node)) return node.value instanceof YamlDate ? node.value.text : node.value;
  throw new Error("YAML: references (&name, *name) are not used in the content");
}

// ---- shorthand: a path is keys and "*" (every item of a list)

function expand(value, path, key) {
  return along(value, path, (v) => (typeof v === "string" || v === null ? { [key]: v } : v));
}

// The shorthand's text key at `path` (keys and "*"), if a shorthand stands there.
function shorthandAt(ctx, path) {
  const found = ctx.shorthand.find((s) => s.path.length === path.length && s.path.every((p, i) => p === path[i]));
  return found ? found.key : null;
}

// A node's value as the form sees it: every shorthand at or below `path` expanded.
function view(ctx, node, path) {
  let value = toValue(node);
  ctx.shorthand.forEach(({ path: at, key }) => {
    if (at.length >= path.length && path.every((p, i) => p === at[i])) {
      value = expand(value, at.slice(path.length), key);
    }
  });
  return value;
}

// An object at a shorthand's place, written as plain text while it has nothing but its text.
function collapsed(value, key) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const rest = Object.keys(value).filter((k) => k !== key && !isEmpty(value[k]));
  return rest.length === 0 && (typeof value[key] === "string" || value[key] === null) ? value[key] : value;
}

function along(value, path, change) {
  if (path.length === 0) return change(value);
  const [first, ...rest] = path;
  if (first === "*") {
    return Array.isArray(value) ? value.map((item) => along(item, rest, change)) : value;
  }
  if (value && typeof value === "object" && !Array.isArray(value) && first in value) {
    return { ...value, [first]: along(value[first], rest, change) };
  }
  return value;
}

function isEmpty(value) {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

// ---- the order of a new object's keys: the form's fields

function fieldOrders(fields, path) {
  // "path" (keys, "*" for list items) -> candidate lists of field names (a files collection has several)
  const found = new Map();
  const add = (at, names) => {
    const key = at.join("\u0000");
    found.set(key, [...(found.get(key) || []), names]);
  };
  const walk = (list, at) => {
    add(at, list.map((f) => f.name));
    list.forEach((f) => {
      const inner = [...at, f.name, ...(f.widget === "list" ? ["*"] : [])];
      if (Array.isArray(f.fields)) walk(f.fields, inner);
    });
  };
  (Array.isArray(fields[0]) ? fields : [fields]).forEach((list) => walk(list, path));
  return found;
}

function ordered(orders, path, keys, sortedKeys) {
  const candidates = orders.get(path.join("\u0000")) || (path.length ? [] : [sortedKeys || []]);
  const names = candidates.find((c) => keys.every((k) => c.includes(k))) || candidates[0] || [];
  const rank = (k) => (names.includes(k) ? names.indexOf(k) : names.length);
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

// ---- writing

function fresh(value, ctx) {
  if (isEmpty(value)) return "";
  const doc = new YAML.Document(null, OPTIONS);
  doc.contents = toNode(value, ctx.root, ctx, null);
  return doc.toString(WRITE);
}

// A YAML node of a form value at `path`. `like`: the node it replaces, whose quoting a text keeps.
function toNode(value, path, ctx, like) {
  const key = shorthandAt(ctx, path);
  if (key) {
    value = collapsed(value, key);
  }
  if (Array.isArray(value)) {
    const seq = new YAML.YAMLSeq();
    value.forEach((item) => seq.items.push(toNode(item, [...path, "*"], ctx, null)));
    seq.flow = Boolean(like && YAML.isSeq(like) && like.flow && like.items.length) ||
      (value.length > 0 && value.every((v) => typeof v === "string" && v.length < 40) && value.length < 4);
    return seq;
  }
  if (value && typeof value === "object") {
    const map = new YAML.YAMLMap();
    map.flow = Boolean(like && YAML.isMap(like) && like.flow && like.items.length);
    ctx.order(path, Object.keys(value).filter((k) => !isEmpty(value[k]))).forEach((k) => {
      map.items.push(new YAML.Pair(new YAML.Scalar(k), toNode(value[k], [...path, k], ctx, null)));
    });
    return map;
  }
  const wasText = like && YAML.isScalar(like) && typeof like.value === "string";
  const scalar = new YAML.Scalar(typeof value === "string" && DATE.test(value) && !wasText ? new YamlDate(value) : value);
  if (wasText && typeof value === "string") {
    scalar.type = like.type;
  }
  if (typeof value === "string" && READ_AS_OTHER.test(value) && (!scalar.type || scalar.type === "PLAIN")) {
    scalar.type = "QUOTE_DOUBLE"; // text that other YAML readers would take for a number, a truth value or null
  }
  return scalar;
}

function stringify(node, indent) {
  const doc = new YAML.Document(null, OPTIONS);
  doc.contents = node;
  const text = doc.toString(WRITE).replace(/\n$/, "");
  return text.split("\n").map((line, i) => (i && line ? " ".repeat(indent) + line : line)).join("\n");
}

// The original YAML text with the form's value applied: edits only where values differ.
function applyOnto(text, value, ctx) {
  const doc = parse(text);
  const edits = [];
  const root = doc.contents;
  if (root === null || (YAML.isScalar(root) && root.value === null)) {
    if (!isEmpty(value)) {
      const end = text.length && !text.endsWith("\n") ? "\n" : "";
      edits.push({ start: text.length, end: text.length, text: end + fresh(value, ctx) });
    }
  } else {
    change(text, root, value, ctx.root, ctx, edits,
      (node) => ({ start: node.range[0], end: node.range[1], write: (created) => stringify(created, 0) }));
  }
  edits.sort((a, b) => b.start - a.start || b.end - a.end); // a removal before an insertion at its start
  return edits.reduce((out, e) => out.slice(0, e.start) + e.text + out.slice(e.end), text);
}

// `whole(node)`: where the node stands as a whole and how it is written there ({start, end, write}).
function change(text, node, value, path, ctx, edits, whole) {
  if (same(view(ctx, node, path), value)) return;
  const blockMap = YAML.isMap(node) && !node.flow && node.items.length;
  const blockSeq = YAML.isSeq(node) && !node.flow && node.items.length;
  if (blockMap && value && typeof value === "object" && !Array.isArray(value)) {
    changeMap(text, node, value, path, ctx, edits);
  } else if (blockSeq && Array.isArray(value) && value.length) {
    changeSeq(text, node, value, path, ctx, edits);
  } else {
    const place = whole(node);
    // a block value's range ends with its line break: the new text ends so too
    const breaks = /\n*$/.exec(text.slice(place.start, place.end))[0];
    edits.push({ start: place.start, end: place.end, text: place.write(toNode(value, path, ctx, node)) + breaks });
  }
}

function changeMap(text, map, value, path, ctx, edits) {
  const indent = column(text, map.items[0].key.range[0]);
  const kept = new Set();
  map.items.forEach((pair) => {
    const key = String(toValue(pair.key));
    if (!(key in value) || (isEmpty(value[key]) && !isEmpty(toValue(pair.value)))) {
      edits.push(linesOf(text, pair.key.range[0], end(pair)));
      return;
    }
    kept.add(key);
    const start = pair.key.range[0];
    const whole = () => ({
      start, end: end(pair), write: (node) => stringify(pairMap(key, node), indent),
    });
    if (pair.value === null) {
      const place = whole();
      edits.push({ start: place.start, end: place.end, text: place.write(toNode(value[key], [...path, key], ctx, null)) });
    } else {
      change(text, pair.value, value[key], [...path, key], ctx, edits, whole);
    }
  });
  const added = ctx.order(path, Object.keys(value).filter((k) => !kept.has(k) && !isEmpty(value[k])));
  if (added.length) {
    const at = lineEnd(text, end(map.items[map.items.length - 1]));
    const lines = added.map((k) => " ".repeat(indent) + stringify(pairMap(k, toNode(value[k], [...path, k], ctx, null)), indent));
    edits.push({ start: at, end: at, text: (text[at - 1] === "\n" ? "" : "\n") + lines.join("\n") + "\n" });
  }
}

function changeSeq(text, seq, value, path, ctx, edits) {
  const dash = dashColumn(text, seq.items[0]);
  const items = seq.items;
  const write = (v) => " ".repeat(dash) + stringify(seqOf(toNode(v, [...path, "*"], ctx, null)), dash) + "\n";
  const whole = (node) => ({
    start: node.range[0], end: node.range[1], write: (created) => stringify(created, column(text, node.range[0])),
  });
  // Items the writer kept stay where they are; between them, old items are changed in place one
  // by one, the ones left over removed, and new ones inserted after the item before them.
  let previous = null;
  let pending = [];
  const flush = () => {
    if (!pending.length) return;
    const at = previous ? lineEnd(text, previous.range[1]) : text.lastIndexOf("\n", items[0].range[0] - 1) + 1;
    edits.push({ start: at, end: at, text: (at && text[at - 1] !== "\n" ? "\n" : "") + pending.map(write).join("") });
    pending = [];
  };
  let olds = [];
  const settle = () => {
    const both = Math.min(olds.length, pending.length);
    olds.forEach((i, n) => {
      if (n < both) {
        change(text, items[i], pending[n], [...path, "*"], ctx, edits, whole);
        previous = items[i];
      } else {
        edits.push(linesOf(text, items[i].range[0], items[i].range[1]));
      }
    });
    pending = pending.slice(both);
    flush();
    olds = [];
  };
  align(items.map((item) => view(ctx, item, [...path, "*"])), value).forEach(([i, j]) => {
    if (i !== null && j !== null) {
      settle();
      previous = items[i];
    } else if (i !== null) {
      olds.push(i);
    } else {
      pending.push(value[j]);
    }
  });
  settle();
}

// The longest common subsequence of equal items: [old index, new index] pairs, null where one side has none.
function align(olds, news) {
  const n = olds.length;
  const m = news.length;
  const table = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = same(olds[i], news[j]) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const found = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(olds[i], news[j])) {
      found.push([i++, j++]);
    } else if (j >= m || (i < n && table[i + 1][j] >= table[i][j + 1])) {
      found.push([i++, null]);
    } else {
      found.push([null, j++]);
    }
  }
  return found;
}

function pairMap(key, node) {
  const map = new YAML.YAMLMap();
  map.items.push(new YAML.Pair(new YAML.Scalar(key), node));
  return map;
}

function seqOf(node) {
  const seq = new YAML.YAMLSeq();
  seq.items.push(node);
  return seq;
}

function end(pair) {
  return pair.value && pair.value.range ? pair.value.range[1] : pair.key.range[1];
}

function column(text, offset) {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

function dashColumn(text, item) {
  const lineStart = text.lastIndexOf("\n", item.range[0] - 1) + 1;
  const dash = text.lastIndexOf("-", item.range[0] - 1);
  return dash >= lineStart ? dash - lineStart : column(text, item.range[0]);
}

function lineEnd(text, offset) {
  const found = text.indexOf("\n", Math.max(offset - 1, 0));
  return found === -1 ? text.length : found + 1;
}

// The whole lines from `start` to `stop`: a removed key or item, with its newline.
function linesOf(text, start, stop) {
  return { start: text.lastIndexOf("\n", start - 1) + 1, end: lineEnd(text, stop), text: "" };
}

function same(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => same(v, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(b).filter((k) => !isEmpty(b[k]) || k in a);
    return keys.length === Object.keys(a).length && keys.every((k) => k in a && same(a[k], b[k]));
  }
  return false;
}

if (typeof window !== "undefined") {
  window.TryggFormats = { formatter, ORIGINAL, KEYS };
}
