/** What differs between the desktop shell and Node (web mode, CLI): native dialogs. */
export interface Platform {
  /** Ask the user where to save a copy of `sourcePath`; resolves to the chosen path, or null if cancelled. */
  saveFileAs?(sourcePath: string, suggestedName: string): Promise<string | null>;
}

export const nodePlatform: Platform = {};
