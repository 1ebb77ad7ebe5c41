/** Which extensions bring TOML highlighting: pure, so it is tested without VS Code. */

interface ContributedLanguages {
  contributes?: { languages?: { id?: unknown }[]; grammars?: { language?: unknown }[] };
}

/** True when an extension other than `ownId` contributes the `toml` language or a grammar for it. */
export function otherExtensionHighlightsToml(ownId: string, extensions: readonly { id: string; packageJSON: unknown }[]): boolean {
  return extensions.some((extension) => {
    if (extension.id.toLowerCase() === ownId.toLowerCase()) return false;
    const contributes = (extension.packageJSON as ContributedLanguages | undefined)?.contributes;
    const languages = Array.isArray(contributes?.languages) ? contributes.languages : [];
    const grammars = Array.isArray(contributes?.grammars) ? contributes.grammars : [];
    return languages.some((language) => language?.id === 'toml') || grammars.some((grammar) => grammar?.language === 'toml');
  });
}
