// The poppler wall, C side: opens a PDF from memory, gives each page's text with the box
// of every character, and renders a page to grey pixels (for the ruling lines). Every GLib,
// GObject and cairo object is released before the function that made it returns, except
// the document, which tthc_pdf_close releases.
//
// poppler is loaded when the first PDF is opened (dlopen), not when tthc starts: linked,
// it pulls in about 50 libraries (GLib, cairo, X11, NSS…) whose loading cost every run
// some 12 ms, a third of a short command, though few runs read a PDF. So this file uses
// the declarations of poppler_api.h (checked against the real headers by the target
// CPDFTextABICheck) and nothing links against poppler.
#include "tthc_pdf.h"
#include "poppler_api.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The library as Debian's libpoppler-glib8 installs it (its SONAME); GLib, GObject and
// cairo are its dependencies, loaded with it and searched by dlsym through its handle.
#define TTHC_POPPLER_LIBRARY "libpoppler-glib.so.8"

static struct {
#define TTHC_POINTER(name, result, parameters) result (*name) parameters;
    TTHC_POPPLER_FUNCTIONS(TTHC_POINTER)
#undef TTHC_POINTER
} api;

static pthread_once_t api_once = PTHREAD_ONCE_INIT;
// Why loading failed; empty when it did not.
static char api_error[512];

static void load_api(void) {
    void *library = dlopen(TTHC_POPPLER_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *why = dlerror();
        snprintf(api_error, sizeof api_error, "poppler cannot be loaded (install libpoppler-glib8): %s",
                 why ? why : TTHC_POPPLER_LIBRARY);
        return;
    }
#define TTHC_FIND(name, result, parameters) \
    api.name = (result (*) parameters)dlsym(library, #name); \
    if (api.name == NULL) { \
        snprintf(api_error, sizeof api_error, "%s lacks %s", TTHC_POPPLER_LIBRARY, #name); \
        return; \
    }
    TTHC_POPPLER_FUNCTIONS(TTHC_FIND)
#undef TTHC_FIND
}

struct tthc_pdf_document {
    tthc_PopplerDocument *document;
    tthc_GBytes *bytes;
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
    pthread_once(&api_once, load_api);
    if (api_error[0] != 0) {
        *message = copy_message(api_error);
        return TTHC_PDF_FAILED;
    }
    tthc_GError *error = NULL;
    // The caller keeps the bytes alive; tthc_GBytes only points at them.
    tthc_GBytes *data = api.g_bytes_new_static(bytes, length);
    tthc_PopplerDocument *doc = api.poppler_document_new_from_bytes(data, NULL, &error);
    if (doc == NULL) {
        int status = TTHC_PDF_FAILED;
        if (error != NULL && error->domain == api.poppler_error_quark()) {
            if (error->code == TTHC_POPPLER_ERROR_ENCRYPTED) status = TTHC_PDF_ENCRYPTED;
            else if (error->code == TTHC_POPPLER_ERROR_DAMAGED || error->code == TTHC_POPPLER_ERROR_INVALID) status = TTHC_PDF_DAMAGED;
        }
        *message = copy_message(error ? error->message : NULL);
        if (error) api.g_error_free(error);
        api.g_bytes_unref(data);
        return status;
    }
    tthc_pdf_document *result = malloc(sizeof *result);
    if (result == NULL) {
        api.g_object_unref(doc);
        api.g_bytes_unref(data);
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
    api.g_object_unref(document->document);
    api.g_bytes_unref(document->bytes);
    free(document);
}

int tthc_pdf_page_count(const tthc_pdf_document *document) {
    return api.poppler_document_get_n_pages(document->document);
}

int tthc_pdf_page_size(tthc_pdf_document *document, int index, double *width, double *height) {
    tthc_PopplerPage *page = api.poppler_document_get_page(document->document, index);
    if (page == NULL) return 1;
    api.poppler_page_get_size(page, width, height);
    api.g_object_unref(page);
    return 0;
}

int tthc_pdf_page_text(tthc_pdf_document *document, int index, char **text, tthc_pdf_box **boxes, size_t *count) {
    *text = NULL;
    *boxes = NULL;
    *count = 0;
    tthc_PopplerPage *page = api.poppler_document_get_page(document->document, index);
    if (page == NULL) return 1;
    char *raw = api.poppler_page_get_text(page);
    tthc_PopplerRectangle *rectangles = NULL;
    unsigned int n = 0;
    int laid = api.poppler_page_get_text_layout(page, &rectangles, &n);
    api.g_object_unref(page);
    size_t length = raw ? strlen(raw) : 0;
    *text = malloc(length + 1);
    if (*text == NULL) { api.g_free(raw); api.g_free(rectangles); return 1; }
    if (length) memcpy(*text, raw, length);
    (*text)[length] = 0;
    api.g_free(raw);
    if (laid && n > 0) {
        *boxes = malloc(sizeof(tthc_pdf_box) * n);
        if (*boxes == NULL) { free(*text); *text = NULL; api.g_free(rectangles); return 1; }
        for (unsigned int i = 0; i < n; i++) {
            (*boxes)[i].x1 = rectangles[i].x1;
            (*boxes)[i].y1 = rectangles[i].y1;
            (*boxes)[i].x2 = rectangles[i].x2;
            (*boxes)[i].y2 = rectangles[i].y2;
        }
        *count = n;
    }
    api.g_free(rectangles);
    return 0;
}

int tthc_pdf_page_render_grey(tthc_pdf_document *document, int index, double scale, uint8_t **pixels, int *width, int *height) {
    *pixels = NULL;
    *width = 0;
    *height = 0;
    tthc_PopplerPage *page = api.poppler_document_get_page(document->document, index);
    if (page == NULL) return 1;
    double w = 0, h = 0;
    api.poppler_page_get_size(page, &w, &h);
    int pw = (int)(w * scale + 0.5), ph = (int)(h * scale + 0.5);
    if (pw <= 0 || ph <= 0) { api.g_object_unref(page); return 1; }
    tthc_cairo_surface *surface = api.cairo_image_surface_create(TTHC_CAIRO_FORMAT_RGB24, pw, ph);
    if (api.cairo_surface_status(surface) != TTHC_CAIRO_STATUS_SUCCESS) {
        api.cairo_surface_destroy(surface);
        api.g_object_unref(page);
        return 1;
    }
    tthc_cairo *cr = api.cairo_create(surface);
    api.cairo_set_source_rgb(cr, 1, 1, 1);
    api.cairo_paint(cr);
    api.cairo_scale(cr, scale, scale);
    api.poppler_page_render(page, cr);
    api.cairo_destroy(cr);
    api.g_object_unref(page);
    api.cairo_surface_flush(surface);
    int stride = api.cairo_image_surface_get_stride(surface);
    const unsigned char *data = api.cairo_image_surface_get_data(surface);
    uint8_t *grey = malloc((size_t)pw * (size_t)ph);
    if (grey == NULL) { api.cairo_surface_destroy(surface); return 1; }
    for (int y = 0; y < ph; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        for (int x = 0; x < pw; x++) {
            uint32_t p = row[x];
            unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            grey[(size_t)y * pw + x] = (uint8_t)((r * 30 + g * 59 + b * 11) / 100);
        }
    }
    api.cairo_surface_destroy(surface);
    *pixels = grey;
    *width = pw;
    *height = ph;
    return 0;
}

void tthc_pdf_free(void *pointer) { free(pointer); }
