/**
 * Where the build writes a tool as one self-contained HTML file, and the name it is saved
 * under. Shared by the tool page's "Download this tool" link and the integration that
 * writes the file (integrations/single-file-tools.ts), so the two cannot drift apart.
 */
export function toolDownloadName(toolId: string): string {
  return `fieldnotes-${toolId}.html`;
}

/** The file's path inside the built site, relative to the base path: "tools/<id>/fieldnotes-<id>.html". */
export function toolDownloadPath(toolId: string): string {
  return `tools/${toolId}/${toolDownloadName(toolId)}`;
}
