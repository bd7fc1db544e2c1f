#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's image (Ubuntu): Java and Maven from the
# distribution, the course kernel and the grader built from the sources in this zip, and the expected value of every
# test case learned once from the instructor's notebook.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven fonts-dejavu-core
cd /autograder/source/seqlab
mvn -B -q -DskipTests package -pl lib,kernel,grader -am
java -cp 'kernel/target/dist/lib/*' org.seqlab.kernel.Installer install --prefix /autograder/source/jupyter --replace
java -cp 'grader/target/dist/lib/*' org.seqlab.grader.Main autograde --prepare \
  --source /autograder/source/@ASSIGNMENT@.ipynb --reference /autograder/source/reference.json \
  --kernel /autograder/source/jupyter/share/jupyter/kernels/seqlab
