# Download new releases of the configured sources (whole files, checksum-verified by revus).
# A failed fetch leaves the previous release active, so the cycle goes on with it.


rule fetch:
    output:
        done=touch(os.path.join(OUT, "fetch.done")),
    params:
        revus=revus_cmd(),
        enabled=config.get("fetch", {}).get("enabled", True),
        sources=" ".join(config.get("fetch", {}).get("sources", [])),
    log:
        os.path.join(LOGS, "fetch.log"),
    benchmark:
        os.path.join(BENCH, "fetch.tsv")
    shell:
        "if [ {params.enabled} = True ]; then"
        "  {params.revus} sources fetch {params.sources} > {log} 2>&1;"
        " else echo 'fetch disabled in the config' > {log}; fi"
