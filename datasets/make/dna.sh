#!/usr/bin/env bash
# Regenerates datasets/dna/splice-junctions.csv from Debian's r-cran-mlbench (data set DNA, the
# StatLog version of the UCI primate splice-junction sequences). mlbench stores each of the 60 bases
# as 3 indicator columns (A=100, C=010, G=001, T=000); this decodes them back to A/C/G/T strings.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/dna"
mkdir -p "$out"
Rscript --vanilla - "$out" <<'RS'
suppressMessages(library(mlbench))
data(DNA)
out <- commandArgs(trailingOnly = TRUE)[1]
bits <- sapply(DNA[, 1:180], function(f) as.integer(as.character(f)))
code <- bits[, seq(1, 180, 3)] * 4 + bits[, seq(2, 180, 3)] * 2 + bits[, seq(3, 180, 3)]
base <- c("T", "G", "C", NA, "A")[code + 1]          # 0=T, 1=G, 2=C, 4=A
stopifnot(!anyNA(base))
dim(base) <- dim(code)
d <- data.frame(class = as.character(DNA$Class), sequence = apply(base, 1, paste, collapse = ""))
write.csv(d, file.path(out, "splice-junctions.csv"), row.names = FALSE, quote = FALSE)
RS
wc -l "$out/splice-junctions.csv"
