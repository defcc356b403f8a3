/* cmd_stats.c: `revus stats`. Placeholder until the owning issue lands; see issues. */
#include "cli.h"

int main_stats(int argc, char **argv, rv_cli *g)
{
    (void)argc; (void)argv; (void)g;
    return cli_failf(EXIT_BAD_INPUT, "'stats' is not available in this build yet");
}
