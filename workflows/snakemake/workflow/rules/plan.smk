# Which samples are due (never run, sources newer than their last run, interval passed).
# A checkpoint: the shards to make are known only once the plan is written.


checkpoint plan:
    input:
        os.path.join(OUT, "fetch.done"),
    output:
        tsv=os.path.join(OUT, "plan.tsv"),
    params:
        revus=revus_cmd(),
    log:
        os.path.join(LOGS, "plan.log"),
    benchmark:
        os.path.join(BENCH, "plan.tsv")
    shell:
        "{params.revus} plan > {output.tsv}.tmp 2> {log}"
        " && mv {output.tsv}.tmp {output.tsv}"
