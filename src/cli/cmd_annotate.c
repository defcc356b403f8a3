/* cmd_annotate.c: `revus annotate`. Placeholder until the owning issue lands; see issues. */
#include "cli.h"

int main_annotate(int argc, char **argv, rv_cli *g)
{
    (void)argc; (void)argv; (void)g;
    return cli_failf(EXIT_BAD_INPUT, "'annotate' is not available in this build yet");
}
