/**
 * pip-compile / `uv pip compile` annotations: which requirements pulled a pinned package in.
 *
 *   certifi==2024.8.30            # via requests          (annotation-style=line)
 *   idna==3.10
 *       # via requests                                     (split style, one parent)
 *   urllib3==2.2.3
 *       # via
 *       #   -r requirements.in
 *       #   requests                                       (split style, several parents)
 */

/** Receives the comments that follow requirement lines and attaches `via` entries to them. */
export class ViaAnnotationCollector {
  private target: { via?: string[] } | null = null;
  private inList = false;

  /** A line with a requirement (or null for any other non-blank line) and its trailing comment. */
  onContentLine(requirement: { via?: string[] } | null, comment: string | null): void {
    this.target = requirement;
    this.inList = false;
    if (requirement && comment !== null) this.onCommentLine(comment);
  }

  /** A line holding only a comment (`comment` is null for a blank line, which ends any annotation). */
  onCommentLine(comment: string | null): void {
    if (comment === null || this.target === null) {
      this.target = null;
      return;
    }
    const via = /^\s*via(\s.*)?$/.exec(comment);
    if (via) {
      const inline = (via[1] ?? '').trim();
      if (inline === '') {
        this.inList = true;
        this.target.via ??= [];
      } else {
        this.add(inline.split(',').map((item) => item.trim()));
        this.inList = false;
      }
      return;
    }
    // List items are indented further than a plain comment: `#   name`.
    const item = /^\s{2,}(\S.*)$/.exec(comment);
    if (this.inList && item) {
      this.add([item[1].trim()]);
      return;
    }
    this.inList = false;
  }

  private add(items: string[]): void {
    if (!this.target) return;
    const list = (this.target.via ??= []);
    for (const item of items) if (item !== '') list.push(item);
  }
}
