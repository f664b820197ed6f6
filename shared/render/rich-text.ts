import { html, raw, type Raw } from './html';

const BULLET = /^\s*[-*•◦▪–]\s+/;
const NUMBERED = /^\s*(?:\d{1,3}|[a-z])[.)]\s+/i;

/**
 * A long text as its author wrote it, for the answering page, the console and the reports: blank lines part
 * paragraphs; lines starting "-", "*", "•" make a list, "1.", "1)" or "a)" a numbered one; an indented line goes on
 * with the item above; other line breaks are kept as <br>. Everything escaped.
 */
export function richText(text: string): Raw {
  const blocks: Raw[] = [];
  let paragraph: string[] = [];
  let list: { kind: 'ul' | 'ol'; items: string[] } | undefined;
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push(html`<p>${paragraph.map((line, i) => html`${i > 0 ? html`<br />` : ''}${line}`)}</p>`);
    paragraph = [];
  };
  const endList = () => {
    if (list) {
      const items = list.items.map((item) => html`<li>${item}</li>`.value).join('');
      blocks.push(raw(`<${list.kind}>${items}</${list.kind}>`));
    }
    list = undefined;
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const kind = BULLET.test(line) ? 'ul' : NUMBERED.test(line) ? 'ol' : undefined;
    if (kind) {
      endParagraph();
      if (list?.kind !== kind) endList();
      list ??= { kind, items: [] };
      list.items.push(line.replace(kind === 'ul' ? BULLET : NUMBERED, ''));
    } else if (line.trim() === '') {
      endParagraph();
      endList();
    } else if (list && /^\s+\S/.test(line)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      endList();
      paragraph.push(line);
    }
  }
  endParagraph();
  endList();
  return raw(blocks.map((b) => b.value).join(''));
}
