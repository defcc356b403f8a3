# The single writer: applies every shard to the state (one transaction per shard) and
# raises the flags a direct `revus run` would.


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
        "if [ -n '{input.shards}' ]; then {params.revus} merge {input.shards} > {log} 2>&1;"
        " else echo 'nothing due: no shard to merge' > {log}; fi"
