#!/usr/bin/env bash
# Regenerates datasets/names/us-first-names.csv: the first names of the 1990 US Census name
# frequency lists, as carried by Debian's libtext-names-perl (Text::Names). One row per (name, sex),
# lower case, with the percentage of people of that sex who bear the name.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/names"
mkdir -p "$out"
perl -MText::Names -e '
  Text::Names::prepareCommonNames();
  my %m = %Text::Names::commonMaleFirstnames; my %f = %Text::Names::commonFemaleFirstnames;
  my @rows;
  push @rows, [lc $_, "F", $f{$_}] for keys %f;
  push @rows, [lc $_, "M", $m{$_}] for keys %m;
  print "name,sex,percent\n";
  printf "%s,%s,%s\n", @$_ for sort { $b->[2] <=> $a->[2] or $a->[0] cmp $b->[0] or $a->[1] cmp $b->[1] } @rows;
' > "$out/us-first-names.csv"
wc -l "$out/us-first-names.csv"
