/* cmd_ack.c: `revus ack`. Placeholder until the owning issue lands; see issues. */
#include "cli.h"

int main_ack(int argc, char **argv, rv_cli *g)
{
    (void)argc; (void)argv; (void)g;
    return cli_failf(EXIT_BAD_INPUT, "'ack' is not available in this build yet");
}
