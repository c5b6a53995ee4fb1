// The poppler wall, C side: opens a PDF from memory, gives each page's text with the box
// of every character, and renders a page to grey pixels (for the ruling lines). Every GLib,
// GObject and cairo object is released before the function that made it returns, except
// the document, which tthc_pdf_close releases.
#include "tthc_pdf.h"
#include <poppler.h>
#include <cairo.h>
#include <stdlib.h>
#include <string.h>

struct tthc_pdf_document {
    PopplerDocument *document;
    GBytes *bytes;
};

static char *copy_message(const char *text) {
    if (text == NULL) text = "unknown error";
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    if (copy) memcpy(copy, text, n + 1);
    return copy;
}

int tthc_pdf_open(const uint8_t *bytes, size_t length, tthc_pdf_document **document, char **message) {
    *document = NULL;
    *message = NULL;
    GError *error = NULL;
    // The caller keeps the bytes alive; GBytes only points at them.
    GBytes *data = g_bytes_new_static(bytes, length);
    PopplerDocument *doc = poppler_document_new_from_bytes(data, NULL, &error);
    if (doc == NULL) {
        int status = TTHC_PDF_FAILED;
        if (error != NULL && error->domain == POPPLER_ERROR) {
            if (error->code == POPPLER_ERROR_ENCRYPTED) status = TTHC_PDF_ENCRYPTED;
            else if (error->code == POPPLER_ERROR_DAMAGED || error->code == POPPLER_ERROR_INVALID) status = TTHC_PDF_DAMAGED;
        }
        *message = copy_message(error ? error->message : NULL);
        if (error) g_error_free(error);
        g_bytes_unref(data);
        return status;
    }
    tthc_pdf_document *result = malloc(sizeof *result);
    if (result == NULL) {
        g_object_unref(doc);
        g_bytes_unref(data);
        *message = copy_message("out of memory");
        return TTHC_PDF_FAILED;
    }
    result->document = doc;
    result->bytes = data;
    *document = result;
    return TTHC_PDF_OK;
}

void tthc_pdf_close(tthc_pdf_document *document) {
    if (document == NULL) return;
    g_object_unref(document->document);
    g_bytes_unref(document->bytes);
    free(document);
}

int tthc_pdf_page_count(const tthc_pdf_document *document) {
    return poppler_document_get_n_pages(document->document);
}

int tthc_pdf_page_size(tthc_pdf_document *document, int index, double *width, double *height) {
    PopplerPage *page = poppler_document_get_page(document->document, index);
    if (page == NULL) return 1;
    poppler_page_get_size(page, width, height);
    g_object_unref(page);
    return 0;
}

int tthc_pdf_page_text(tthc_pdf_document *document, int index, char **text, tthc_pdf_box **boxes, size_t *count) {
    *text = NULL;
    *boxes = NULL;
    *count = 0;
    PopplerPage *page = poppler_document_get_page(document->document, index);
    if (page == NULL) return 1;
    char *raw = poppler_page_get_text(page);
    PopplerRectangle *rectangles = NULL;
    guint n = 0;
    gboolean laid = poppler_page_get_text_layout(page, &rectangles, &n);
    g_object_unref(page);
    size_t length = raw ? strlen(raw) : 0;
    *text = malloc(length + 1);
    if (*text == NULL) { g_free(raw); g_free(rectangles); return 1; }
    if (length) memcpy(*text, raw, length);
    (*text)[length] = 0;
    g_free(raw);
    if (laid && n > 0) {
        *boxes = malloc(sizeof(tthc_pdf_box) * n);
        if (*boxes == NULL) { free(*text); *text = NULL; g_free(rectangles); return 1; }
        for (guint i = 0; i < n; i++) {
            (*boxes)[i].x1 = rectangles[i].x1;
            (*boxes)[i].y1 = rectangles[i].y1;
            (*boxes)[i].x2 = rectangles[i].x2;
            (*boxes)[i].y2 = rectangles[i].y2;
        }
        *count = n;
    }
    g_free(rectangles);
    return 0;
}

int tthc_pdf_page_render_grey(tthc_pdf_document *document, int index, double scale, uint8_t **pixels, int *width, int *height) {
    *pixels = NULL;
    *width = 0;
    *height = 0;
    PopplerPage *page = poppler_document_get_page(document->document, index);
    if (page == NULL) return 1;
    double w = 0, h = 0;
    poppler_page_get_size(page, &w, &h);
    int pw = (int)(w * scale + 0.5), ph = (int)(h * scale + 0.5);
    if (pw <= 0 || ph <= 0) { g_object_unref(page); return 1; }
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        g_object_unref(page);
        return 1;
    }
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    g_object_unref(page);
    cairo_surface_flush(surface);
    int stride = cairo_image_surface_get_stride(surface);
    const unsigned char *data = cairo_image_surface_get_data(surface);
    uint8_t *grey = malloc((size_t)pw * (size_t)ph);
    if (grey == NULL) { cairo_surface_destroy(surface); return 1; }
    for (int y = 0; y < ph; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        for (int x = 0; x < pw; x++) {
            uint32_t p = row[x];
            unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            grey[(size_t)y * pw + x] = (uint8_t)((r * 30 + g * 59 + b * 11) / 100);
        }
    }
    cairo_surface_destroy(surface);
    *pixels = grey;
    *width = pw;
    *height = ph;
    return 0;
}

void tthc_pdf_free(void *pointer) { free(pointer); }
