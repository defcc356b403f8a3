/* cmd_cohort.c: `revus cohort`. Placeholder until the owning issue lands; see issues. */
#include "cli.h"

int main_cohort(int argc, char **argv, rv_cli *g)
{
    (void)argc; (void)argv; (void)g;
    return cli_failf(EXIT_BAD_INPUT, "'cohort' is not available in this build yet");
}
