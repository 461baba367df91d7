// Whether a text needs Ink's sanitizeAnsi at all, put in front of it by bundle.mjs.
//
// Ink sanitizes the text of every Text node in every frame, twice (to measure it, to draw it), and
// again at each level of nested Texts: sanitizeAnsi keeps printable text, SGR codes and OSC strings
// and drops any other escape sequence or C1 control, by cutting the whole text into tokens. Any
// text with an ESC in it is tokenized, and every styled row has one (its colours). A text made only
// of what sanitizeAnsi keeps as it is comes back unchanged, which a regex or two tell: printable
// text, SGR codes of digits, ':' and ';', and OSC strings ended by ST (the detail's hyperlinks),
// with no C1 control (0x80-0x9F) anywhere.
const NOT_SGR = /\u001b(?!\[[0-9:;]*m)|[\u0080-\u009f]/;
const KEPT = /\u001b\[[0-9:;]*m|\u001b\][^\u0007\u001b\u0080-\u009f]*\u001b\\/g;
const CONTROL = /[\u001b\u0080-\u009f]/;

/** False when sanitizeAnsi(text) === text for certain; true when Ink must look. */
export function needsSanitizing(text) {
  if (!NOT_SGR.test(text)) return false;
  return CONTROL.test(text.replace(KEPT, ''));
}
