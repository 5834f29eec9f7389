import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The published posts as the content folder declares them: what the built site must show. */
export interface DeclaredPost {
  file: string;
  id: string;
  title: string | undefined;
}

export function declaredPosts(contentDir = 'content'): DeclaredPost[] {
  const files = readdirSync(contentDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(md|markdown)$/.test(f));
  return files.flatMap((file) => {
    const text = readFileSync(path.join(contentDir, file), 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    const front = (match ? parse(match[1] ?? '') : {}) as { title?: string; draft?: boolean };
    if (front.draft) return [];
    return [{ file, id: file.replace(/\.(md|markdown)$/, ''), title: front.title }];
  });
}
