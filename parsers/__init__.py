"""thaikpi parsers: the Thai text layer over PDF chars, Thai values, and agreement sections."""
