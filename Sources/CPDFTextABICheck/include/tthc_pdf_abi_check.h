#ifndef TTHC_PDF_ABI_CHECK_H
#define TTHC_PDF_ABI_CHECK_H
// The number of poppler, GLib and cairo functions whose declarations in
// Sources/CPDFText/poppler_api.h were checked against the real headers when this target
// was compiled (the checks themselves are static assertions, see check.c).
int tthc_pdf_abi_checked_functions(void);
#endif
