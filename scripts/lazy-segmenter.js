// Intl.Segmenter for the bundle (bundle.mjs puts it in place of the global): the same segmenter,
// made when it is first used. Making the first one loads ICU's break data (~10 ms), and Ink's text
// libraries each make one when they are loaded, at every start, before the first frame; a frame
// with nothing to segment (ASCII, or no character that joins a grapheme) never needs one.
const Segmenter = globalThis.Intl.Segmenter;

export class LazySegmenter {
  #args;
  #real;
  constructor(locales, options) {
    this.#args = [locales, options];
  }
  #get() {
    return (this.#real ??= new Segmenter(...this.#args));
  }
  segment(input) {
    return this.#get().segment(input);
  }
  resolvedOptions() {
    return this.#get().resolvedOptions();
  }
  static supportedLocalesOf(locales, options) {
    return Segmenter.supportedLocalesOf(locales, options);
  }
}
