// Whether a text needs Ink's sanitizeAnsi at all, put in front of it by bundle.mjs.
//
// Ink sanitizes the text of every Text node in every frame, twice (to measure it, to draw it), and
// again at each level of nested Texts: sanitizeAnsi keeps printable text, SGR codes and OSC strings
// and drops any other escape sequence or C1 control, by cutting the whole text into tokens. Any
// text with an ESC in it is tokenized, and every styled row has one (its colours). A text whose
// every ESC starts an SGR code of digits, ':' and ';' and which has no C1 control (0x80-0x9F) is
// made only of what sanitizeAnsi keeps as it is: it comes back unchanged, which one regex tells.
const NEEDS_SANITIZING = /\u001b(?!\[[0-9:;]*m)|[\u0080-\u009f]/;

/** False when sanitizeAnsi(text) === text for certain; true when Ink must look. */
export function needsSanitizing(text) {
  return NEEDS_SANITIZING.test(text);
}
