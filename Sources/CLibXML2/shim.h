#ifndef ISNAD_CLIBXML2_SHIM_H
#define ISNAD_CLIBXML2_SHIM_H
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#endif
