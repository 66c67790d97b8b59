/**
 * The HTML report of the hostile account as a browser parses it: parse5 implements the WHATWG HTML parsing
 * algorithm that browsers implement, so the tree it builds is the DOM a browser would build, with no browser
 * needed in `npm test`. Nothing the hostile text says may become an element, an attribute or a link; it must be
 * there as text. (`npx tsx scripts/check-html-escaping.ts` repeats this in headless Chromium and also runs
 * the page's scripts.)
 */
import { type DefaultTreeAdapterTypes, parse } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../lib/analyze/registry.js';
import { FINDINGS_SCRIPT, FINDINGS_SCRIPT_HASH } from '../../lib/report/render/html/findings-table.js';
import { renderHtml } from '../../lib/report/render/html/html.js';
import { HOSTILE_LINES, HOSTILE_LINKS, HOSTILE_NAME, hostileReport } from './hostile-account.js';

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;
type Element = DefaultTreeAdapterTypes.Element;

function* elementsOf(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* elementsOf(child);
  if ('content' in node) yield* elementsOf(node.content as unknown as Node);
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

let html: string;
let elements: Element[];
let text: string;

beforeAll(async () => {
  const report = await hostileReport();
  html = renderHtml(report);
  const document = parse(html);
  elements = [...elementsOf(document)];
  text = textOf(document);
});

const attributes = (element: Element) => element.attrs.map((attribute) => ({ element, ...attribute }));

describe('the HTML report as a browser parses it', () => {
  it('shows the hostile name, links and lines as text', () => {
    expect(text).toContain(HOSTILE_NAME);
    expect(text).toContain('[click me](https://evil.example/phish)');
    expect(text).toContain('<script>alert(2)</script>');
    // Not vacuous: the renderer received them.
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(HOSTILE_LINKS).toContain('evil.example');
    expect(HOSTILE_LINES).toContain('<script>');
  });

  it('builds no image, script, frame, object, form or base element from it', () => {
    const dangerous = elements
      .map((element) => element.tagName)
      .filter((tag) => ['img', 'iframe', 'object', 'embed', 'form', 'base', 'math'].includes(tag));
    expect(dangerous).toEqual([]);
    // The one script is the page's own filter script, whose hash the CSP allows; no other.
    const scripts = elements.filter((element) => element.tagName === 'script');
    expect(scripts.map((script) => textOf(script))).toEqual([FINDINGS_SCRIPT]);
    // SVG only as the renderer's charts, the hostile text inside them as text.
    const svgs = elements.filter((element) => element.tagName === 'svg');
    expect(svgs.length).toBeGreaterThan(0);
    expect(svgs.every((svg) => svg.attrs.some((a) => a.name === 'class' && a.value === 'chart'))).toBe(true);
    const inSvg = svgs.flatMap((svg) => [...elementsOf(svg)].map((element) => element.tagName));
    expect(new Set(inSvg)).toEqual(new Set(['svg', 'title', 'text', 'rect', 'line', 'polyline']));
  });

  it("has no inline event handler and no link or source outside the page and the rules' documentation", () => {
    const all = elements.flatMap(attributes);
    expect(all.filter((a) => a.name.startsWith('on')).map((a) => `${a.element.tagName} ${a.name}`)).toEqual(
      [],
    );
    const targets = all
      .filter((a) => ['href', 'src', 'action', 'formaction'].includes(a.name))
      .map((a) => a.value);
    const docs = new Set(RULES.flatMap((rule) => rule.docs));
    expect(targets.filter((target) => !target.startsWith('#') && !docs.has(target))).toEqual([]);
  });

  it('carries a Content-Security-Policy that forbids scripts and remote loads (the second line of defence)', () => {
    const csp = elements.find(
      (element) =>
        element.tagName === 'meta' &&
        element.attrs.some((a) => a.name === 'http-equiv' && a.value === 'Content-Security-Policy'),
    );
    const policy = csp?.attrs.find((a) => a.name === 'content')?.value;
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).toContain(`script-src ${FINDINGS_SCRIPT_HASH}`);
    expect(policy).not.toMatch(/unsafe-inline'[^;]*;\s*script-src[^;]*unsafe|script-src[^;]*'unsafe-inline'/);
  });
});
