#ifndef TTHC_POPPLER_API_H
#define TTHC_POPPLER_API_H
// The part of poppler-glib, GLib and cairo that tthc_pdf.c calls, declared here rather
// than taken from their headers, so that nothing links against those libraries: they are
// loaded with dlopen when the first PDF is opened (see tthc_pdf.c). Every type, value and
// function here is checked against the real headers at build time by the test-only target
// CPDFTextABICheck; a declaration that differs from poppler's does not compile there.
#include <stddef.h>
#include <stdint.h>

// GLib's GError and poppler's PopplerRectangle, field for field.
struct tthc_GError_fields {
    uint32_t domain;
    int code;
    char *message;
};
struct tthc_PopplerRectangle_fields {
    double x1, y1, x2, y2;
};

// The types the functions below take. CPDFTextABICheck defines TTHC_POPPLER_REAL_TYPES and
// maps each name onto the real type, so that the function list is checked as it stands.
#ifndef TTHC_POPPLER_REAL_TYPES
typedef struct tthc_GBytes tthc_GBytes;
typedef struct tthc_PopplerDocument tthc_PopplerDocument;
typedef struct tthc_PopplerPage tthc_PopplerPage;
typedef struct tthc_cairo_surface tthc_cairo_surface;
typedef struct tthc_cairo tthc_cairo;
typedef uint32_t tthc_GQuark;
typedef struct tthc_GError_fields tthc_GError;
typedef struct tthc_PopplerRectangle_fields tthc_PopplerRectangle;
#endif

// poppler's PopplerError codes, cairo's RGB24 format and success status.
enum {
    TTHC_POPPLER_ERROR_INVALID = 0,
    TTHC_POPPLER_ERROR_ENCRYPTED = 1,
    TTHC_POPPLER_ERROR_DAMAGED = 4,
    TTHC_CAIRO_FORMAT_RGB24 = 1,
    TTHC_CAIRO_STATUS_SUCCESS = 0
};

// name, return type, parameters: one line per function called.
#define TTHC_POPPLER_FUNCTIONS(X) \
    X(g_bytes_new_static, tthc_GBytes *, (const void *data, size_t size)) \
    X(g_bytes_unref, void, (tthc_GBytes *bytes)) \
    X(g_error_free, void, (tthc_GError *error)) \
    X(g_free, void, (void *memory)) \
    X(g_object_unref, void, (void *object)) \
    X(poppler_error_quark, tthc_GQuark, (void)) \
    X(poppler_document_new_from_bytes, tthc_PopplerDocument *, (tthc_GBytes *bytes, const char *password, tthc_GError **error)) \
    X(poppler_document_get_n_pages, int, (tthc_PopplerDocument *document)) \
    X(poppler_document_get_page, tthc_PopplerPage *, (tthc_PopplerDocument *document, int index)) \
    X(poppler_page_get_size, void, (tthc_PopplerPage *page, double *width, double *height)) \
    X(poppler_page_get_text, char *, (tthc_PopplerPage *page)) \
    X(poppler_page_get_text_layout, int, (tthc_PopplerPage *page, tthc_PopplerRectangle **rectangles, unsigned int *count)) \
    X(poppler_page_render, void, (tthc_PopplerPage *page, tthc_cairo *cairo)) \
    X(cairo_image_surface_create, tthc_cairo_surface *, (int format, int width, int height)) \
    X(cairo_surface_status, unsigned int, (tthc_cairo_surface *surface)) \
    X(cairo_surface_destroy, void, (tthc_cairo_surface *surface)) \
    X(cairo_create, tthc_cairo *, (tthc_cairo_surface *surface)) \
    X(cairo_set_source_rgb, void, (tthc_cairo *cairo, double red, double green, double blue)) \
    X(cairo_paint, void, (tthc_cairo *cairo)) \
    X(cairo_scale, void, (tthc_cairo *cairo, double x, double y)) \
    X(cairo_destroy, void, (tthc_cairo *cairo)) \
    X(cairo_surface_flush, void, (tthc_cairo_surface *surface)) \
    X(cairo_image_surface_get_stride, int, (tthc_cairo_surface *surface)) \
    X(cairo_image_surface_get_data, unsigned char *, (tthc_cairo_surface *surface))

#endif
