/* cmd_run.c: `revus run`. Placeholder until the owning issue lands; see issues. */
#include "cli.h"

int main_run(int argc, char **argv, rv_cli *g)
{
    (void)argc; (void)argv; (void)g;
    return cli_failf(EXIT_BAD_INPUT, "'run' is not available in this build yet");
}
