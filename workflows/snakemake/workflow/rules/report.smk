# Flags of this cycle and the reports for the lab.


rule report:
    input:
        os.path.join(OUT, "merge.done"),
    output:
        flags=os.path.join(OUT, "flags.tsv"),
        reports=report_files(),
    params:
        revus=revus_cmd(),
        formats=" ".join(report_formats()),
        outdir=lambda wildcards, output: os.path.dirname(output.flags),
    log:
        os.path.join(LOGS, "report.log"),
    benchmark:
        os.path.join(BENCH, "report.tsv")
    shell:
        "{params.revus} flags --format tsv > {output.flags} 2> {log}"
        " && for f in {params.formats}; do"
        "  {params.revus} report --format $f -o {params.outdir}/report.$f >> {log} 2>&1 || exit 1;"
        " done"
