// Checks Sources/CPDFText/poppler_api.h against poppler's, GLib's and cairo's own headers:
// every function's type, the error and format codes, the layout of GError and
// PopplerRectangle. A difference is a compile error here. Only the test targets depend on
// this target, so the tthc executable still links nothing of poppler.
#include <poppler.h>
#include <cairo.h>
#include <stddef.h>
#include "tthc_pdf_abi_check.h"

// poppler_api.h's type names, as the real types.
#define TTHC_POPPLER_REAL_TYPES
#define tthc_GBytes GBytes
#define tthc_PopplerDocument PopplerDocument
#define tthc_PopplerPage PopplerPage
#define tthc_cairo_surface cairo_surface_t
#define tthc_cairo cairo_t
#define tthc_GQuark GQuark
#define tthc_GError GError
#define tthc_PopplerRectangle PopplerRectangle
#include "../CPDFText/poppler_api.h"

_Static_assert(sizeof(uint32_t) == sizeof(GQuark), "GQuark");
_Static_assert(sizeof(struct tthc_GError_fields) == sizeof(GError), "GError size");
_Static_assert(offsetof(struct tthc_GError_fields, domain) == offsetof(GError, domain), "GError.domain");
_Static_assert(offsetof(struct tthc_GError_fields, code) == offsetof(GError, code), "GError.code");
_Static_assert(offsetof(struct tthc_GError_fields, message) == offsetof(GError, message), "GError.message");
_Static_assert(sizeof(struct tthc_PopplerRectangle_fields) == sizeof(PopplerRectangle), "PopplerRectangle size");
_Static_assert(offsetof(struct tthc_PopplerRectangle_fields, x1) == offsetof(PopplerRectangle, x1), "PopplerRectangle.x1");
_Static_assert(offsetof(struct tthc_PopplerRectangle_fields, y1) == offsetof(PopplerRectangle, y1), "PopplerRectangle.y1");
_Static_assert(offsetof(struct tthc_PopplerRectangle_fields, x2) == offsetof(PopplerRectangle, x2), "PopplerRectangle.x2");
_Static_assert(offsetof(struct tthc_PopplerRectangle_fields, y2) == offsetof(PopplerRectangle, y2), "PopplerRectangle.y2");
_Static_assert(TTHC_POPPLER_ERROR_INVALID == POPPLER_ERROR_INVALID, "POPPLER_ERROR_INVALID");
_Static_assert(TTHC_POPPLER_ERROR_ENCRYPTED == POPPLER_ERROR_ENCRYPTED, "POPPLER_ERROR_ENCRYPTED");
_Static_assert(TTHC_POPPLER_ERROR_DAMAGED == POPPLER_ERROR_DAMAGED, "POPPLER_ERROR_DAMAGED");
_Static_assert(TTHC_CAIRO_FORMAT_RGB24 == CAIRO_FORMAT_RGB24, "CAIRO_FORMAT_RGB24");
_Static_assert(TTHC_CAIRO_STATUS_SUCCESS == CAIRO_STATUS_SUCCESS, "CAIRO_STATUS_SUCCESS");

// Each function of the list has the type its header gives it.
#define TTHC_SAME_TYPE(name, result, parameters) \
    _Static_assert(__builtin_types_compatible_p(__typeof__(&name), result (*) parameters), #name);
TTHC_POPPLER_FUNCTIONS(TTHC_SAME_TYPE)

#define TTHC_COUNT(name, result, parameters) +1
int tthc_pdf_abi_checked_functions(void) { return 0 TTHC_POPPLER_FUNCTIONS(TTHC_COUNT); }
