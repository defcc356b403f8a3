-- Synthetic state rows for the report and stats tests: two runs of a three-patient cohort
-- (a fourth patient skipped in run 2), with one flag of each kind. Loaded into a database whose schema the state module
-- created (tests/cli/test_report.sh); samples, flags and checksums are made up.
INSERT INTO indications(code, name, panel_sources) VALUES
  ('R208', 'Inherited breast cancer and ovarian cancer', 'panelapp-r208'),
  ('R135', 'Paediatric or syndromic cardiomyopathy', 'panelapp-r135');
INSERT INTO samples(id, vcf_path, vcf_sha256, indication, sex, family, added_at) VALUES
  ('S001', '/data/S001.vcf.gz', 'aa', 'R208', 'F', NULL, '2026-04-01T10:00:00Z'),
  ('S002', '/data/S002.vcf.gz', 'bb', 'R135', 'M', 'FAM1', '2026-04-01T10:00:00Z'),
  ('S003', '/data/S003.vcf.gz', 'cc', 'R208', 'F', NULL, '2026-04-01T10:00:00Z'),
  ('S004', '/data/S004.vcf.gz', 'dd', 'R135', 'M', NULL, '2026-04-01T10:00:00Z');
INSERT INTO runs(id, started_at, ended_at, status, kind, revus_version, config_hash, pid, n_done, n_skipped) VALUES
  (1, '2026-05-14T08:00:00Z', '2026-05-14T08:05:00Z', 'complete', 'direct', '0.1.0', 'c0ffee01', 1, 3, 0),
  (2, '2026-11-20T08:00:00Z', '2026-11-20T08:06:00Z', 'complete', 'direct', '0.1.0', 'c0ffee02', 2, 3, 0);
INSERT INTO run_sources(run, source, version, sha256, role) VALUES
  (1, 'clinvar', '2026-05-04', '1111111111111111111111111111111111111111111111111111111111111111', 'clinical-assertion'),
  (1, 'gnomad-exomes', '4.0', '2222222222222222222222222222222222222222222222222222222222222222', 'population-frequency'),
  (1, 'panelapp-r135', '2.9', '3333333333333333333333333333333333333333333333333333333333333333', 'gene-panel'),
  (2, 'clinvar', '2026-11-02', '4444444444444444444444444444444444444444444444444444444444444444', 'clinical-assertion'),
  (2, 'gnomad-exomes', '4.1', '5555555555555555555555555555555555555555555555555555555555555555', 'population-frequency'),
  (2, 'panelapp-r135', '3.1', '6666666666666666666666666666666666666666666666666666666666666666', 'gene-panel');
INSERT INTO run_samples(run, sample, status, reason, finished_at, n_candidates, n_flags) VALUES
  (1, 'S001', 'done', NULL, '2026-05-14T08:01:00Z', 2, 0),
  (1, 'S002', 'done', NULL, '2026-05-14T08:02:00Z', 1, 0),
  (1, 'S003', 'done', NULL, '2026-05-14T08:03:00Z', 1, 0),
  (2, 'S001', 'done', NULL, '2026-11-20T08:01:00Z', 2, 2),
  (2, 'S002', 'done', NULL, '2026-11-20T08:02:00Z', 2, 2),
  (2, 'S003', 'done', NULL, '2026-11-20T08:03:00Z', 1, 1),
  (2, 'S004', 'skipped', '/data/S004.vcf.gz: checksum differs from the one registered', '2026-11-20T08:04:00Z', 0, 0);
INSERT INTO classifications(run, sample, variant, contig, pos, gene, transcript, hgvsc, hgvsp, consequence, zygosity,
  class, points, vus_tier, criteria, effective_class, deciding_rule, clinvar_tier, clinvar_sig, clinvar_stars,
  clinvar_id, clinvar_source, clinvar_version, af, pop_source, pop_version, panel_confidence, panel_source,
  panel_version, candidate, candidate_reason) VALUES
  (1, 'S001', '17-43057078-G-T', 16, 43057078, 'BRCA1', 'NM_007294.4', 'c.5123C>A', 'p.(Ala1708Glu)', 'missense_variant', 'het',
   'LP', 7, NULL, 'PM1,PM2_Supporting,PP3_Strong', 'LP', 'points', 'P/LP', 'Likely_pathogenic', 2, 55555, 'clinvar', '2026-05-04',
   NULL, 'gnomad-exomes', '4.0', 3, 'panelapp-r208', '2.3', 1, 'panel,clinvar'),
  (2, 'S001', '17-43057078-G-T', 16, 43057078, 'BRCA1', 'NM_007294.4', 'c.5123C>A', 'p.(Ala1708Glu)', 'missense_variant', 'het',
   'VUS', 3, 'warm', 'PM1,PM2_Supporting,BS3_Supporting,PP3_Strong', 'VUS', 'points', 'CONFLICT', 'Conflicting_classifications_of_pathogenicity', 1, 55555, 'clinvar', '2026-11-02',
   0.000012, 'gnomad-exomes', '4.1', 3, 'panelapp-r208', '2.3', 1, 'panel,clinvar'),
  (1, 'S001', '22-28725099-A-G', 21, 28725099, 'CHEK2', 'NM_007194.4', 'c.470T>C', 'p.(Ile157Thr)', 'missense_variant', 'het',
   'VUS', 1, 'cold', 'PS4_Supporting,BS1', 'VUS', 'points', 'CONFLICT', 'Conflicting_classifications_of_pathogenicity', 1, 5591, 'clinvar', '2026-05-04',
   0.0041, 'gnomad-exomes', '4.0', 3, 'panelapp-r208', '2.3', 1, 'panel'),
  (2, 'S001', '22-28725099-A-G', 21, 28725099, 'CHEK2', 'NM_007194.4', 'c.470T>C', 'p.(Ile157Thr)', 'missense_variant', 'het',
   'VUS', 3, 'warm', 'PS4_Supporting,PP3', 'VUS', 'points', 'CONFLICT', 'Conflicting_classifications_of_pathogenicity', 2, 5591, 'clinvar', '2026-11-02',
   0.0041, 'gnomad-exomes', '4.1', 3, 'panelapp-r208', '2.3', 1, 'panel'),
  (1, 'S002', '14-23426833-C-A', 13, 23426833, 'MYH7', 'NM_000257.4', 'c.2221G>T', 'p.(Gly741Trp)', 'missense_variant', 'het',
   'VUS', 0, 'cold', 'PM2_Supporting', 'VUS', 'points', 'VUS', 'Uncertain_significance', 1, 4242, 'clinvar', '2026-05-04',
   0.00002, 'gnomad-exomes', '4.0', 3, 'panelapp-r135', '2.9', 1, 'panel'),
  (2, 'S002', '14-23426833-C-A', 13, 23426833, 'MYH7', 'NM_000257.4', 'c.2221G>T', 'p.(Gly741Trp)', 'missense_variant', 'het',
   'LB', -2, NULL, 'BS1_Supporting,BP4', 'LB', 'points', 'B/LB', 'Likely_benign', 1, 4242, 'clinvar', '2026-11-02',
   0.00031, 'gnomad-exomes', '4.1', 3, 'panelapp-r135', '3.1', 1, 'panel'),
  (2, 'S002', '11-47343158-G-A', 10, 47343158, 'MYBPC3', 'NM_000256.3', 'c.1504C>T', 'p.(Arg502Trp)', 'missense_variant', 'het',
   'P', 12, NULL, 'PS4,PM2_Supporting,PP3_Moderate,PS3_Supporting', 'P', 'points', 'P/LP', 'Pathogenic', 3, 42540, 'clinvar', '2026-11-02',
   0.0000066, 'gnomad-exomes', '4.1', 3, 'panelapp-r135', '3.1', 1, 'panel,clinvar'),
  (1, 'S003', '13-32356550-G-C', 12, 32356550, 'BRCA2', 'NM_000059.4', 'c.7878G>C', 'p.(Trp2626Cys)', 'missense_variant', 'het',
   'VUS', 4, 'hot', 'PM2_Supporting,PP3_Moderate,PM1', 'VUS', 'points', 'VUS', 'Uncertain_significance', 1, 38000, 'clinvar', '2026-05-04',
   NULL, 'gnomad-exomes', '4.0', 3, 'panelapp-r208', '2.3', 1, 'panel'),
  (2, 'S003', '13-32356550-G-C', 12, 32356550, 'BRCA2', 'NM_000059.4', 'c.7878G>C', 'p.(Trp2626Cys)', 'missense_variant', 'het',
   'LP', 7, NULL, 'PM2_Supporting,PP3_Moderate,PM1,PS3_Moderate', 'LP', 'points', 'P/LP', 'Likely_pathogenic', 2, 38000, 'clinvar', '2026-11-02',
   NULL, 'gnomad-exomes', '4.1', 3, 'panelapp-r208', '2.3', 1, 'panel,clinvar');
INSERT INTO reported(sample, variant, class, reported_on, reporter, imported_at) VALUES
  ('S001', '17-43057078-G-T', 'LP', '2024-03-08', 'Dr A. O''Neil', '2026-04-01T10:00:00Z'),
  ('S003', '13-32356550-G-C', 'VUS', '2025-02-11', 'Genomics Lab', '2026-04-01T10:00:00Z'),
  ('S002', '14-23426833-C-A', 'VUS', '2025-07-30', 'Genomics Lab', '2026-04-01T10:00:00Z');
INSERT INTO flags(id, run, sample, variant, category, priority, basis, old_class, new_class, trigger_source,
  old_version, new_version, field, old_value, new_value, detail, fingerprint, created_at) VALUES
  (1, 2, 'S001', '17-43057078-G-T', 'plp_downgraded', 1, 'previous', 'LP', 'VUS', 'clinvar', '2026-05-04', '2026-11-02',
   'clinvar_sig', 'Likely_pathogenic', 'Conflicting_classifications_of_pathogenicity', 'LP -> VUS: ClinVar now reports conflicting classifications', 'fp1', '2026-11-20T08:01:00Z'),
  (2, 2, 'S001', '22-28725099-A-G', 'evidence_changed', 5, 'previous', 'VUS', 'VUS', 'clinvar', '2026-05-04', '2026-11-02',
   'clinvar_stars', '1', '2', 'ClinVar review stars 1 -> 2', 'fp2', '2026-11-20T08:01:00Z'),
  (3, 2, 'S002', '14-23426833-C-A', 'vus_downgraded', 4, 'previous', 'VUS', 'LB', 'gnomad-exomes', '4.0', '4.1',
   'BS1', 'not met', 'met', 'VUS -> LB: allele frequency now above the BS1 cut-off', 'fp3', '2026-11-20T08:02:00Z'),
  (4, 2, 'S002', '11-47343158-G-A', 'new_candidate', 3, 'previous', NULL, 'P', 'panelapp-r135', '2.9', '3.1',
   'panel_confidence', '2', '3', 'MYBPC3 rated green on the panel: the variant is now a candidate', 'fp4', '2026-11-20T08:02:00Z'),
  (5, 2, 'S003', '13-32356550-G-C', 'vus_upgraded', 2, 'previous', 'VUS', 'LP', 'clinvar', '2026-05-04', '2026-11-02',
   'clinvar_sig', 'Uncertain_significance', 'Likely_pathogenic', 'VUS -> LP', 'fp5', '2026-11-20T08:03:00Z');
INSERT INTO acks(flag, sample, variant, by_name, note, at, fingerprint) VALUES
  (2, 'S001', '22-28725099-A-G', 'A. Jones', 'no action; review at next cycle', '2026-11-21T10:15:00Z', 'fp2');
-- What a clinician needs to act (schema 2): the condition from a gene-validity source, ClinVar's
-- disease names (CLNDN as the VCF writes it), the panel's own name, VEP's HGVS spelling
-- (transcript in front of c., protein accession and one-letter amino acids in p.), a lab report id.
UPDATE classifications SET condition = 'hypertrophic cardiomyopathy', mondo = 'MONDO:0005045',
  hgnc_id = 'HGNC:7551', panel_id = '135', panel_name = 'Paediatric or syndromic cardiomyopathy',
  clinvar_disease = 'Hypertrophic_cardiomyopathy|not_provided',
  validity_url = 'https://search.clinicalgenome.org/kb/gene-validity/CGGV:assertion_example'
  WHERE sample = 'S002' AND variant = '11-47343158-G-A';
UPDATE classifications SET transcript = 'ENST00000357654', hgvsc = 'ENST00000357654.9:c.5123C>A',
  hgvsp = 'ENSP00000350283.3:p.A1708E', condition = 'hereditary breast ovarian cancer syndrome',
  mondo = 'MONDO:0003582', clinvar_disease = 'Hereditary_breast_ovarian_cancer_syndrome|Breast-ovarian_cancer,_familial_1'
  WHERE sample = 'S001' AND variant = '17-43057078-G-T';
UPDATE reported SET report_id = 'GL-2024-0311' WHERE sample = 'S001' AND variant = '17-43057078-G-T';
