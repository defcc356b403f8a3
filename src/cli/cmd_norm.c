/* cmd_norm.c: `revus norm`. Placeholder until the owning issue lands; see issues. */
#include "cli.h"

int main_norm(int argc, char **argv, rv_cli *g)
{
    (void)argc; (void)argv; (void)g;
    return cli_failf(EXIT_BAD_INPUT, "'norm' is not available in this build yet");
}
