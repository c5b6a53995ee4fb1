#ifndef TTHC_PDF_H
#define TTHC_PDF_H
// The small C face of poppler that TTHCKit uses (see PDFSupport.swift). Only plain C types
// cross it: no GLib, GObject or cairo type, so the Swift side never depends on their
// headers, and every object made here is freed here (tthc_pdf_close, tthc_pdf_free).
#include <stddef.h>
#include <stdint.h>

typedef struct tthc_pdf_document tthc_pdf_document;

typedef struct {
    double x1, y1, x2, y2; // points, origin at the page's top left
} tthc_pdf_box;

enum {
    TTHC_PDF_OK = 0,
    TTHC_PDF_DAMAGED = 1,   // not a PDF, or one poppler cannot repair
    TTHC_PDF_ENCRYPTED = 2, // needs a password
    TTHC_PDF_FAILED = 3     // anything else (message says what)
};

// Opens a document from bytes the caller keeps alive until tthc_pdf_close. On failure
// returns the status and, in *message, poppler's words (free with tthc_pdf_free).
int tthc_pdf_open(const uint8_t *bytes, size_t length, tthc_pdf_document **document, char **message);
void tthc_pdf_close(tthc_pdf_document *document);
int tthc_pdf_page_count(const tthc_pdf_document *document);
// Page size in points; 0 on success.
int tthc_pdf_page_size(tthc_pdf_document *document, int index, double *width, double *height);
// The page's text in poppler's reading order (UTF-8, lines separated by '\n') and one box
// per Unicode character of it. Free both with tthc_pdf_free. 0 on success.
int tthc_pdf_page_text(tthc_pdf_document *document, int index, char **text, tthc_pdf_box **boxes, size_t *count);
// Renders the page at `scale` pixels per point into an 8-bit grey image, white paper,
// width*height bytes row by row. Free with tthc_pdf_free. 0 on success.
int tthc_pdf_page_render_grey(tthc_pdf_document *document, int index, double scale, uint8_t **pixels, int *width, int *height);
void tthc_pdf_free(void *pointer);
#endif
