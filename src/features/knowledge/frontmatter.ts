/**
 * Splits a Markdown file into its `---` frontmatter (parsed as YAML 1.2 by the `yaml` package)
 * and its body. Replaces gray-matter, which calls Node's `Buffer` and so fails on Workers
 * without the Node compatibility layer. Same rules for the files we use: a BOM is ignored, the
 * block opens on the first line and closes at the next line starting with `---`.
 */
import YAML from 'yaml';

export type Frontmatter = { data: unknown; content: string; hasFrontmatter: boolean };

/** Throws (with the YAML parser's message) when the block is not valid YAML. */
export function splitFrontmatter(text: string): Frontmatter {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstBreak = src.indexOf('\n');
  const firstLine = (firstBreak === -1 ? src : src.slice(0, firstBreak)).trimEnd();
  if (firstLine !== '---') return { data: {}, content: src, hasFrontmatter: false };
  if (firstBreak === -1) return { data: {}, content: '', hasFrontmatter: true };
  const close = src.indexOf('\n---', firstBreak - 1);
  const block = (close === -1 ? src.slice(firstBreak + 1) : src.slice(firstBreak + 1, Math.max(firstBreak + 1, close))).replace(/\r$/, '');
  const afterClose = close === -1 ? -1 : src.indexOf('\n', close + 1);
  const content = afterClose === -1 ? '' : src.slice(afterClose + 1);
  const data: unknown = block.trim() === '' ? {} : (YAML.parse(block) ?? {});
  return { data, content, hasFrontmatter: true };
}
