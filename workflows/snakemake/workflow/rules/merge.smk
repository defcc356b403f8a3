# The single writer: applies every shard to the state (one transaction per shard) and
# raises the flags a direct `revus run` would. Exit 1 from revus merge means "stored, but
# a sample was skipped (VCF missing, changed, malformed)": the cycle goes on to the
# report, and the log says which sample and why.


rule merge:
    input:
        shards=shard_files,
    output:
        done=touch(os.path.join(OUT, "merge.done")),
    params:
        revus=revus_cmd(),
    log:
        os.path.join(LOGS, "merge.log"),
    benchmark:
        os.path.join(BENCH, "merge.tsv")
    shell:
        "if [ -z '{input.shards}' ]; then echo 'nothing due: no shard to merge' > {log}; exit 0; fi;"
        " rc=0; {params.revus} merge {input.shards} > {log} 2>&1 || rc=$?;"
        " if [ $rc -eq 1 ]; then echo 'ATTENTION: a sample was skipped (see above)' >> {log}; fi;"
        " [ $rc -le 1 ]"
