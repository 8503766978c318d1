// check.mjs parses Mermaid files with Mermaid's own parser, as GitHub's
// renderer does before drawing, and fails on the first one it rejects.
//
//	node check.mjs FILE...
//
// Mermaid wants a DOM even to parse (it sanitizes labels with DOMPurify);
// jsdom provides one. Used by internal/report's tests; CI installs the
// packages with "npm ci".
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  try {
    const r = await mermaid.parse(text);
    if (r.diagramType !== 'flowchart-v2') {
      throw new Error(`diagram type ${r.diagramType}, want flowchart-v2`);
    }
    console.log(`ok ${file}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${file}: ${String(e.message ?? e)}`);
  }
}
process.exit(failed ? 1 : 0);
