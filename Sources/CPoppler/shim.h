#ifndef TTHC_CPOPPLER_SHIM_H
#define TTHC_CPOPPLER_SHIM_H
// poppler-glib from the system (Debian: libpoppler-glib-dev). Only the C shim CPDFText
// includes this; no Swift file imports it, so GLib, GObject and cairo types never reach
// Swift (see Sources/CPDFText/include/tthc_pdf.h for the small API Swift sees).
#include <poppler.h>
#endif
