#ifndef ISNAD_CLIBXML2_SHIM_H
#define ISNAD_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its encoding header would then pull ICU's C headers,
   which clash with Foundation's bundled ICU. Isnad never touches the ICU-specific fields
   (they sit inside xmlCharEncodingHandler, only used through pointers), so hide them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
#endif
