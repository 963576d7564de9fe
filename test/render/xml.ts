/**
 * A tiny XML well-formedness checker for the tests: it parses the SVG the
 * renderers write into elements (name, attributes, children) and throws on
 * anything a strict XML parser would refuse: unbalanced or crossed tags,
 * duplicate or unquoted attributes, a bare `&` or `<`, text outside the root.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

function decode(raw: string, where: number): string {
  for (let i = raw.indexOf("&"); i >= 0; i = raw.indexOf("&", i + 1)) {
    if (!ENTITY.test(raw.slice(i))) throw new Error(`bare & at ${where + i}`);
  }
  return raw.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!).replace(/&#(x?)([0-9a-fA-F]+);/g, (_, x: string, d: string) => String.fromCodePoint(Number.parseInt(d, x ? 16 : 10)));
}

/** Parses a document with one root element (an optional XML declaration first). */
export function parseXml(source: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at ${i}: ${JSON.stringify(source.slice(Math.max(0, i - 30), i + 30))}`);
  };
  if (source.startsWith("<?xml")) i = source.indexOf("?>") + 2;
  while (i < source.length) {
    const lt = source.indexOf("<", i);
    const chunk = source.slice(i, lt < 0 ? source.length : lt);
    if (chunk.length > 0) {
      if (chunk.includes(">")) fail("stray >");
      if (stack.length === 0) {
        if (chunk.trim() !== "") fail("text outside the root");
      } else {
        stack[stack.length - 1]!.text += decode(chunk, i);
      }
    }
    if (lt < 0) break;
    i = lt;
    if (source.startsWith("<!--", i)) {
      const end = source.indexOf("-->", i);
      if (end < 0) fail("unclosed comment");
      i = end + 3;
      continue;
    }
    if (source.startsWith("</", i)) {
      const m = NAME.exec(source.slice(i + 2));
      if (m === null) fail("bad closing tag");
      const name = m![0];
      const open = stack.pop();
      if (open === undefined || open.name !== name) fail(`</${name}> closes <${open?.name}>`);
      i += 2 + name.length;
      while (source[i] === " ") i++;
      if (source[i] !== ">") fail("bad closing tag end");
      i++;
      continue;
    }
    const m = NAME.exec(source.slice(i + 1));
    if (m === null) fail("bad tag name");
    const el: XmlElement = { name: m![0], attributes: {}, children: [], text: "" };
    i += 1 + el.name.length;
    for (;;) {
      const ws = /^\s*/.exec(source.slice(i))![0].length;
      i += ws;
      if (source.startsWith("/>", i) || source[i] === ">") break;
      if (ws === 0) fail("attributes must be separated by white space");
      const a = NAME.exec(source.slice(i));
      if (a === null) fail("bad attribute name");
      const name = a![0];
      i += name.length;
      if (source[i] !== "=") fail(`attribute ${name} without =`);
      const quote = source[i + 1];
      if (quote !== '"' && quote !== "'") fail(`attribute ${name} not quoted`);
      const end = source.indexOf(quote!, i + 2);
      if (end < 0) fail("unclosed attribute value");
      const raw = source.slice(i + 2, end);
      if (raw.includes("<")) fail(`< in attribute ${name}`);
      if (name in el.attributes) fail(`duplicate attribute ${name}`);
      el.attributes[name] = decode(raw, i + 2);
      i = end + 1;
    }
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.children.push(el);
    else if (root === null) root = el;
    else fail("a second root element");
    if (source.startsWith("/>", i)) {
      i += 2;
    } else {
      i += 1;
      stack.push(el);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root === null) throw new Error("no root element");
  return root;
}

/** Every element of a tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}

/** The elements whose class list holds `cls`. */
export function byClass(root: XmlElement, cls: string): XmlElement[] {
  return allElements(root).filter((e) => (e.attributes.class ?? "").split(/\s+/).includes(cls));
}

/** The attributes (element, name, value) whose value holds NaN or Infinity: none in a well-drawn picture. */
export function nonFiniteAttributes(root: XmlElement): string[] {
  return allElements(root).flatMap((e) => Object.entries(e.attributes).filter(([, v]) => /NaN|Infinity/.test(v)).map(([k, v]) => `<${e.name} ${k}="${v}">`));
}

/** Every text element's text, in document order. */
export function texts(root: XmlElement): string[] {
  return allElements(root).filter((e) => e.name === "text").map((e) => e.text);
}
