"""thaikpi pipeline: records, extraction, scoring, storage, reports and the command line."""
