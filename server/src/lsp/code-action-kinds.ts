import { CodeActionKind } from 'vscode-languageserver/node';

/** Source action "Update all in this file" (also offered as a quick fix on outdated requirements). */
export const UPDATE_ALL_KIND = `${CodeActionKind.Source}.updateAll.pipsight`;
