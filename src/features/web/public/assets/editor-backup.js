// The editor's safety net: text not yet saved is copied to this browser's localStorage, so a
// conflict, a reload or a closed tab never loses it. Cleared once the text is saved.
const key = (id) => `edge-helpdesk.editor-backup.${id}`;

export function createBackup(id) {
  return {
    /** Keeps `content` (the form's fields) with the version it was edited from. */
    save(content, version) {
      try {
        localStorage.setItem(key(id), JSON.stringify({ at: new Date().toISOString(), version, content }));
      } catch {
        /* storage full or disabled: the text is still in the form */
      }
    },
    /** @returns {{at: string, version: number | undefined, content: object} | null} */
    read() {
      try {
        const value = JSON.parse(localStorage.getItem(key(id)) || 'null');
        return value && typeof value.content === 'object' ? value : null;
      } catch {
        return null;
      }
    },
    clear() {
      try {
        localStorage.removeItem(key(id));
      } catch {
        /* nothing to clear */
      }
    },
  };
}
