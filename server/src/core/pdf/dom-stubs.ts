// pdf.js builds a few canvas objects when it loads (it renders in browsers; in Node it looks for the
// native @napi-rs/canvas). Reading text never draws, so inert stand-ins are enough and no native
// binary is needed.

const g = globalThis as Record<string, unknown>;

class InertMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
}

class Inert {}

g.DOMMatrix ??= InertMatrix;
g.ImageData ??= Inert;
g.Path2D ??= Inert;
