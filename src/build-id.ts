/**
 * One id per build: FIELDNOTES_BUILD_ID when set (reproducible builds), else the time the
 * build started. The search passes it to pagefind as its metaCacheTag (pagefind ≥ 1.5), so
 * pagefind-entry.json is fetched as ?ts=<id>: cacheable for the build, fresh for the next.
 */
export const BUILD_ID = process.env['FIELDNOTES_BUILD_ID'] ?? String(Date.now());
