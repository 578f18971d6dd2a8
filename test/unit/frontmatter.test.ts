import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../src/features/knowledge/frontmatter.js';

describe('splitFrontmatter (gray-matter without Node’s Buffer)', () => {
  it('parses the block as YAML and returns the body after it', () => {
    const r = splitFrontmatter('---\ntitle: Refunds\ntags: [a, b]\n---\n\nThe **body**.\n');
    expect(r).toEqual({ data: { title: 'Refunds', tags: ['a', 'b'] }, content: '\nThe **body**.\n', hasFrontmatter: true });
  });

  it('ignores a BOM and CRLF line ends; an empty or comment-only block is {}', () => {
    expect(splitFrontmatter('\uFEFF---\r\ntitle: a\r\n---\r\nbody\r\n')).toMatchObject({ data: { title: 'a' }, content: 'body\r\n' });
    expect(splitFrontmatter('---\n---\nbody').data).toEqual({});
    expect(splitFrontmatter('---\n# nothing\n---\nbody').data).toEqual({});
  });

  it('says when there is no block, and throws on bad YAML', () => {
    expect(splitFrontmatter('just text')).toEqual({ data: {}, content: 'just text', hasFrontmatter: false });
    expect(splitFrontmatter('----\nnot a block')).toMatchObject({ hasFrontmatter: false });
    expect(() => splitFrontmatter('---\ntitle: [unclosed\n---\nbody')).toThrow();
  });
});
