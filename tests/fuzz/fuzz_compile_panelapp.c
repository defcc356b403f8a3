/* fuzz_compile_panelapp: a PanelApp panel (JSON from its API) through the panelapp
 * compiler, with the descriptor the command-line tests use for panel 9001. */
#define FUZZ_RAW "panel.json"
#define FUZZ_DESCRIPTOR "{ \"name\": \"panel\", \"role\": \"gene-panel\", \"format\": \"panelapp-json\"," \
    " \"panel\": { \"id\": 9001 }, \"fields\": { \"symbol\": { \"from\": \"gene_data.gene_symbol\" }," \
    " \"hgnc_id\": { \"from\": \"gene_data.hgnc_id\" }, \"confidence\": { \"from\": \"confidence_level\" }," \
    " \"moi\": { \"from\": \"mode_of_inheritance\" }, \"panel_version\": { \"from\": \"panel.version\" } } }"
#include "compile_common.h"
