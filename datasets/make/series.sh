#!/usr/bin/env bash
# Regenerates datasets/series/: classic univariate time series from R's base "datasets" package
# (Debian r-base-core), one CSV each with columns date (ISO yyyy-mm-dd, first day of the period)
# and one value column named with its unit.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/series"
mkdir -p "$out"
Rscript --vanilla - "$out" <<'RS'
out <- commandArgs(trailingOnly = TRUE)[1]
write_series <- function(x, file, column, digits) {
  t <- round(time(x) * frequency(x)) / frequency(x)   # exact period starts
  year <- floor(t + 1e-9)
  month <- if (frequency(x) == 12) round((t - year) * 12) + 1 else rep(1, length(t))
  d <- data.frame(date = sprintf("%04d-%02d-01", as.integer(year), as.integer(month)),
                  v = round(as.numeric(x), digits))
  names(d)[2] <- column
  write.csv(d, file.path(out, file), row.names = FALSE, quote = FALSE)
}
write_series(AirPassengers, "air-passengers.csv", "passengers_thousands", 0)
write_series(sunspot.month, "sunspots-monthly.csv", "sunspot_number", 1)
write_series(nottem, "nottingham-temperature.csv", "temperature_f", 1)
write_series(co2, "mauna-loa-co2.csv", "co2_ppm", 2)
write_series(lynx, "lynx-trappings.csv", "lynx_trapped", 0)
write_series(Nile, "nile-flow.csv", "flow_1e8_m3", 0)
RS
wc -l "$out"/*.csv
