/* cmd_merge.c: `revus merge`. Placeholder until the owning issue lands; see issues. */
#include "cli.h"

int main_merge(int argc, char **argv, rv_cli *g)
{
    (void)argc; (void)argv; (void)g;
    return cli_failf(EXIT_BAD_INPUT, "'merge' is not available in this build yet");
}
