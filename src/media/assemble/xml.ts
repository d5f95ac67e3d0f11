// A small XML writer for the FCPXML timeline. The document is a fixed, shallow tree of about ten
// element kinds, so a builder library would add a dependency to the cut exporter's bundle for what
// is one escaping rule; the rule is the part that matters, because a prompt or a file name may hold
// any character, and one unescaped `&` or a control character makes Final Cut refuse the whole file.

export type XmlAttrs = Readonly<Record<string, string | number | undefined>>;

export interface XmlNode {
  name: string;
  attrs?: XmlAttrs;
  /** Child elements, or the element's text. */
  children?: readonly XmlNode[] | string;
}

// XML 1.0 allows tab, LF, CR and everything from U+0020 except lone surrogates and U+FFFE/U+FFFF.
// A prompt copied from anywhere may hold others (a form feed, an escape); they cannot be written
// even as character references, so they become U+FFFD and the rest of the text is kept.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value: also quotes, and whitespace as references, which a parser would otherwise fold into spaces. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function attrsText(attrs: XmlAttrs | undefined): string {
  if (!attrs) return '';
  return Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function nodeText(node: XmlNode, indent: string): string {
  const open = `${indent}<${node.name}${attrsText(node.attrs)}`;
  const { children } = node;
  if (children === undefined || children.length === 0) return `${open}/>\n`;
  if (typeof children === 'string') return `${open}>${xmlText(children)}</${node.name}>\n`;
  return `${open}>\n${children.map(c => nodeText(c, indent + '    ')).join('')}${indent}</${node.name}>\n`;
}

/** A whole document: the XML declaration, a `<!DOCTYPE root>` and the tree, indented by four spaces as Final Cut writes it. */
export function xmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE ${root.name}>\n\n${nodeText(root, '')}`;
}
