/* cmd_plan.c: `revus plan`. Placeholder until the owning issue lands; see issues. */
#include "cli.h"

int main_plan(int argc, char **argv, rv_cli *g)
{
    (void)argc; (void)argv; (void)g;
    return cli_failf(EXIT_BAD_INPUT, "'plan' is not available in this build yet");
}
