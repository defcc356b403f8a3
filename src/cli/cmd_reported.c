/* cmd_reported.c: `revus reported`. Placeholder until the owning issue lands; see issues. */
#include "cli.h"

int main_reported(int argc, char **argv, rv_cli *g)
{
    (void)argc; (void)argv; (void)g;
    return cli_failf(EXIT_BAD_INPUT, "'reported' is not available in this build yet");
}
