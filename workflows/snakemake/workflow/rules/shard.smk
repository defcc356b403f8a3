# One sample's reanalysis as a pure step: reads the state, writes only its shard file.
# Incremental like `revus run` (only what the knowledge changes touch is re-read) unless
# shard.full is set.


rule shard:
    input:
        plan=os.path.join(OUT, "plan.tsv"),
    output:
        shard=os.path.join(OUT, "shards", "{sample}.shard"),
    params:
        revus=revus_cmd(),
        full="--full" if config.get("shard", {}).get("full", False) else "",
    threads: config.get("shard", {}).get("threads", 1)
    resources:
        mem_mb=config.get("shard", {}).get("mem_mb", 2000),
        runtime=config.get("shard", {}).get("runtime", 60),
    log:
        os.path.join(LOGS, "shard", "{sample}.log"),
    benchmark:
        os.path.join(BENCH, "shard", "{sample}.tsv")
    shell:
        # the first log line says where the shard ran (a Slurm job id on a cluster)
        "echo \"shard {wildcards.sample} on $(hostname) slurm_job=${{SLURM_JOB_ID:-none}}\" > {log};"
        " {params.revus} run --shard {wildcards.sample} --threads {threads} {params.full}"
        " --out {output.shard}.tmp >> {log} 2>&1"
        " && mv {output.shard}.tmp {output.shard}"
