/* cmd_report.c: `revus report`. Placeholder until the owning issue lands; see issues. */
#include "cli.h"

int main_report(int argc, char **argv, rv_cli *g)
{
    (void)argc; (void)argv; (void)g;
    return cli_failf(EXIT_BAD_INPUT, "'report' is not available in this build yet");
}
