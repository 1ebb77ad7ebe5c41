/**
 * Whether the server should colour pyproject.toml and the lockfiles (semantic tokens). VS Code has
 * no TOML grammar of its own; when another extension brings one (Even Better TOML, Tombi, …), its
 * highlighting is left alone unless `pipsight.semanticHighlighting.enabled` says otherwise.
 */
import * as vscode from 'vscode';
import { otherExtensionHighlightsToml } from './toml-contributions';

export const SEMANTIC_HIGHLIGHTING_SETTING = 'pipsight.semanticHighlighting.enabled';

/** The setting's answer: `true`/`false`, or for "auto" whether no other extension highlights TOML. */
export function semanticHighlightingWanted(ownId: string): boolean {
  const setting = vscode.workspace.getConfiguration().get<unknown>(SEMANTIC_HIGHLIGHTING_SETTING, 'auto');
  if (setting === true || setting === false) return setting;
  return !otherExtensionHighlightsToml(ownId, vscode.extensions.all);
}
