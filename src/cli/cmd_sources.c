/* cmd_sources.c: `revus sources`. Placeholder until the owning issue lands; see issues. */
#include "cli.h"

int main_sources(int argc, char **argv, rv_cli *g)
{
    (void)argc; (void)argv; (void)g;
    return cli_failf(EXIT_BAD_INPUT, "'sources' is not available in this build yet");
}
