import type { Caller } from './router';

/**
 * Who may download or save which file of the exports folder: the staff member whose call wrote it (an
 * export, a template, an import's error report). Export names are predictable, so without this a manager
 * could fetch an admin's unmasked export by name. Kept in memory: files are fetched right after they are
 * made; after a restart they can simply be made again.
 */
export class FileGrants {
  private owners = new Map<string, string>();

  grant(fileName: string, caller: Caller): void {
    this.owners.delete(fileName); // re-insert: the map stays in age order for the cap below
    this.owners.set(fileName, ownerOf(caller));
    if (this.owners.size > 5_000) this.owners.delete(this.owners.keys().next().value!);
  }

  mayRead(fileName: string, caller: Caller): boolean {
    return this.owners.get(fileName) === ownerOf(caller);
  }
}

const ownerOf = (c: Caller) => c.user?.id ?? `local:${c.transport}`;
