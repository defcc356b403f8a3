/* cmd_flags.c: `revus flags`. Placeholder until the owning issue lands; see issues. */
#include "cli.h"

int main_flags(int argc, char **argv, rv_cli *g)
{
    (void)argc; (void)argv; (void)g;
    return cli_failf(EXIT_BAD_INPUT, "'flags' is not available in this build yet");
}
