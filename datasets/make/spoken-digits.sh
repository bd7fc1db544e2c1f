#!/usr/bin/env bash
# Regenerates datasets/spoken-digits/: the words "zero".."nine" synthesised by Debian's espeak-ng in
# 8 voices x 3 speeds x 2 pitches (480 clips), resampled to 16 kHz mono and trimmed of silence with
# sox, then turned into 20-band log-mel frames by org.seqlab.data.LogMel (Java, in lib/). The audio
# itself is not kept (it is rebuilt in seconds); only the features are shipped.
# Needs: espeak-ng, sox, and the library compiled (mvn -o -q -pl lib compile, from the repository root).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/datasets/spoken-digits"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

voices=(en-us en-us+f2 en-gb en-gb+f4 en-gb-scotland+m3 en-029+f1 en-gb-x-rp+m7 en-us-nyc+f3)
speeds=(130 175 220)
pitches=(35 65)
words=(zero one two three four five six seven eight nine)

manifest="$work/manifest.csv"
echo "clip,digit,word,voice,speed,pitch,wav" > "$manifest"
clip=0
for voice in "${voices[@]}"; do
  for speed in "${speeds[@]}"; do
    for pitch in "${pitches[@]}"; do
      for digit in "${!words[@]}"; do
        word="${words[$digit]}"
        raw="$work/raw-$clip.wav"
        wav="$work/clip-$clip.wav"
        espeak-ng -v "$voice" -s "$speed" -p "$pitch" -w "$raw" "$word"
        # 16 kHz, 16-bit mono, no dither (so reruns are identical); cut leading and trailing silence (below 1% for 10 ms), keep 50 ms around.
        sox -D "$raw" -r 16000 -c 1 -b 16 "$wav" silence 1 0.01 1% reverse silence 1 0.01 1% reverse pad 0.05 0.05
        echo "$clip,$digit,$word,$voice,$speed,$pitch,$wav" >> "$manifest"
        clip=$((clip + 1))
      done
    done
  done
done

java -cp "$root/lib/target/classes" org.seqlab.data.LogMel "$manifest" "$out"
wc -l "$out/clips.csv"
ls -l "$out"
