#ifndef TTHC_CLIBXML2_SHIM_H
#define TTHC_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU; its xmlversion.h then defines LIBXML_ICU_ENABLED and
// encoding.h pulls in <unicode/ucnv.h>. Those system ICU headers clash with the ICU that
// Foundation bundles ("'UErrorCode' has different definitions in different modules").
// tthc never uses libxml2's ICU converters, so switch the macro off before anything else.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>
#include <libxml/globals.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#endif
