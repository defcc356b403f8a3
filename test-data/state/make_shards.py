#!/usr/bin/env python3
"""Regenerate the hand-written shard fixtures in shards/ (run from test-data/state).

The ClinVar fields (CLNSIG, review stars, versions) are the real records of the two
releases in ../../../shared/real-data/clinvar/release_pair (2015-12-11, 2016-09-27);
'2017-01-01' is a SYNTHETIC third release for the "moves further" case. The class,
points, criteria and VUS sub-tier are hand-written as a classifier might give them."""
import hashlib, json, os

def sha(p):
    return hashlib.sha256(open(p, 'rb').read()).hexdigest()

STARS = {'criteria_provided,_single_submitter': 1, 'no_assertion_criteria_provided': 0,
         'no_assertion_provided': 0, 'reviewed_by_expert_panel': 3}
TIER = {'Pathogenic': 'P/LP', 'Likely_pathogenic': 'P/LP', 'Uncertain_significance': 'VUS',
        'Likely_benign': 'B/LB', 'Benign': 'B/LB', 'not_provided': 'OTHER'}

def call(variant, contig, gene, cls, points, criteria, sig, revstat, version, vus_tier=None, zyg='het'):
    c = {'variant': variant, 'contig': contig, 'pos': int(variant.split('-')[1]), 'gene': gene,
         'zygosity': zyg, 'class': cls, 'points': points, 'criteria': criteria,
         'effective_class': cls, 'deciding_rule': 'points',
         'clinvar_tier': TIER[sig], 'clinvar_sig': sig, 'clinvar_stars': STARS[revstat],
         'clinvar_source': 'clinvar', 'clinvar_version': version,
         'panel_confidence': 3, 'panel_source': 'panel', 'panel_version': '1.0',
         'candidate': 1, 'candidate_reason': 'panel,clinvar'}
    if vus_tier: c['vus_tier'] = vus_tier
    return c

def write(name, head, calls):
    """The shard layout (src/shard.h): head line, one call per line, end line."""
    head = dict(head)
    head['n_calls'] = len(calls)
    with open('shards/' + name, 'w') as f:
        f.write(json.dumps(head) + '\n')
        for c in calls:
            f.write(json.dumps(c) + '\n')
        f.write(json.dumps({'end': len(calls)}) + '\n')

def read(name):
    lines = [json.loads(l) for l in open('shards/' + name)]
    return lines[0], lines[1:-1]

def shard(name, sample, vcf, version, calls, panel='1.0'):
    head = {'format': 'revus-shard', 'format_version': 2, 'sample': sample, 'vcf_sha256': sha(vcf),
            'revus_version': '0.1.0', 'config_hash': 'fixture',
            'sources': [{'source': 'clinvar', 'version': version, 'sha256': 'fixture-' + version, 'role': 'clinical-assertion'},
                        {'source': 'panel', 'version': panel, 'sha256': 'fixture-panel-' + panel, 'role': 'gene-panel'}]}
    write(name, head, calls)

V1, V2, V3 = '2015-12-11', '2016-09-27', '2017-01-01'
shard('r1_S1.json', 'S1', 'vcf/S1.vcf', V1, [
    call('7-117176711-A-T', 6, 'CFTR', 'LP', 6, 'PS3,PM2_Supporting,PP3', 'Likely_pathogenic', 'criteria_provided,_single_submitter', V1),
    call('7-117199643-C-G', 6, 'CFTR', 'VUS', 2, 'PM2_Supporting,PP3', 'not_provided', 'no_assertion_provided', V1, 'cool')])
shard('r1_S2.json', 'S2', 'vcf/S2.vcf', V1, [
    call('2-47705406-T-G', 1, 'MSH2', 'VUS', 3, 'PM2_Supporting,PP3,PP4', 'Uncertain_significance', 'criteria_provided,_single_submitter', V1, 'tepid'),
    call('2-47707835-G-A', 1, 'MSH2', 'LP', 6, 'PS3,PM2_Supporting,PP3', 'Likely_pathogenic', 'no_assertion_criteria_provided', V1, zyg='hom')])
shard('r2_S1.json', 'S1', 'vcf/S1.vcf', V2, [
    call('7-117176711-A-T', 6, 'CFTR', 'LB', -1, 'BP4', 'Likely_benign', 'no_assertion_criteria_provided', V2),
    call('7-117199643-C-G', 6, 'CFTR', 'LP', 7, 'PS3,PM2_Supporting,PP3,PP5', 'Pathogenic', 'no_assertion_criteria_provided', V2)])
shard('r2_S2.json', 'S2', 'vcf/S2.vcf', V2, [
    call('2-47705406-T-G', 1, 'MSH2', 'LB', -2, 'BP4,BP6', 'Likely_benign', 'criteria_provided,_single_submitter', V2),
    call('2-47707835-G-A', 1, 'MSH2', 'VUS', 3, 'PM2_Supporting,PP3,PP4', 'Uncertain_significance', 'no_assertion_criteria_provided', V2, 'tepid', zyg='hom')])
shard('r3_S1.json', 'S1', 'vcf/S1.vcf', V3, [
    call('7-117176711-A-T', 6, 'CFTR', 'B', -8, 'BA1', 'Benign', 'criteria_provided,_single_submitter', V3),
    call('7-117199643-C-G', 6, 'CFTR', 'LP', 7, 'PS3,PM2_Supporting,PP3,PP5', 'Pathogenic', 'no_assertion_criteria_provided', V3)])
shard('r3_S2.json', 'S2', 'vcf/S2.vcf', V3, read('r2_S2.json')[1])
# SYNTHETIC panel 2.0: CFTR dropped from the panel; the CFTR VUS is no longer a candidate
r4 = read('r3_S1.json')[1]
for c in r4:
    if c['variant'] == '7-117199643-C-G':
        c['class'] = c['effective_class'] = 'VUS'
        c['points'] = 2
        c['vus_tier'] = 'cool'
        c['criteria'] = 'PM2_Supporting,PP3'
        c['clinvar_sig'], c['clinvar_tier'] = 'Uncertain_significance', 'VUS'
    c['panel_confidence'], c['panel_version'] = 0, '2.0'
    c['candidate'] = 0 if c['variant'] == '7-117199643-C-G' else 1
    c['candidate_reason'] = 'clinvar' if c['candidate'] else None
    if c['candidate_reason'] is None: del c['candidate_reason']
shard('r4_S1.json', 'S1', 'vcf/S1.vcf', V3, r4, panel='2.0')
# a shard computed from a VCF that is not the registered one (S3's id, S1's file)
shard('wrong_vcf_S3.json', 'S3', 'vcf/S1.vcf', V3, [])
