import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every HTML page of a built site, as URL paths relative to its base ("", "tags/", "404.html"). */
export function builtPages(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    // Single-file tool downloads (tools/<id>/<name>.html) are files to save, not pages.
    .filter((file) => file.endsWith('.html') && !file.startsWith('pagefind') && !/^tools\/[^/]+\/(?!index\.html$)[^/]+\.html$/.test(file))
    .map((file) => (file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file))
    .sort();
}

/** html-validate's findings on every page of a built site, as "file:line:column rule: message". */
export async function htmlProblems(outDir: string): Promise<string[]> {
  const validator = new HtmlValidate(new FileSystemConfigLoader());
  const problems: string[] = [];
  for (const page of builtPages(outDir)) {
    const file = path.join(outDir, page.endsWith('.html') ? page : `${page}index.html`);
    const report = await validator.validateFile(file);
    for (const result of report.results) {
      for (const m of result.messages) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
  }
  return problems;
}
