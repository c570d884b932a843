// The editor's state: the form's document, the schema and words, the file on disk, and the
// preview's bookkeeping. Every module reads and changes it here.

export const ui = {
  schema: null,
  labels: {},
  file: '',
  doc: null,
  base: null, // fingerprint of the file on disk the form's document matches
  saved: '', // the document as last loaded or saved, to tell unsaved changes
  exists: false,
  problems: [],
  ignoredDisk: undefined,
  // Preview scheduling: one request at a time, the latest document wins.
  inFlight: false,
  changedAt: null,
  timings: [], // milliseconds from a change to its pages shown (read by the browser test)
  previews: 0,
};

// The browser tests read the state (`#test-hooks` in the address); a page opened by a person
// shows nothing of it to other scripts.
if (new URLSearchParams(window.location.hash.slice(1)).has('test-hooks')) window.uppfoljning = ui;
