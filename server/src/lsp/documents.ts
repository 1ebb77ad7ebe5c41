import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind } from '../core/detect';
import type { FileKind } from '../core/model';
import { REQUIREMENTS_LANGUAGE_ID } from '../protocol';
import { fileUriToPath } from './uris';

/**
 * Path under which core sees a document: the file system path for `file:` URIs, the URI path for
 * others (untitled documents), so relative includes of saved files resolve on disk.
 */
export function documentPath(document: TextDocument): string {
  return fileUriToPath(document.uri) ?? uriPathPart(document.uri);
}

/** File kind from the name; documents the user marked as pip requirements are requirements files whatever their name. */
export function documentKind(document: TextDocument): FileKind | null {
  if (document.languageId === REQUIREMENTS_LANGUAGE_ID) return 'requirements';
  return detectKind(documentPath(document));
}

function uriPathPart(uri: string): string {
  const colon = uri.indexOf(':');
  return colon < 0 ? uri : uri.slice(colon + 1);
}
