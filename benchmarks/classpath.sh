# Sourced by knn.sh and search.sh from the repository's root: builds the benchmarks module and what it
# needs (unless SKIP_BUILD=1; MAVEN_REPO_LOCAL names a local Maven repository other than the default),
# then sets CP to its runtime classpath and MODULE to the RediSearch module (REDISEARCH_MODULE).
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  mvn -q -B -ntp ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL} -DskipTests install -pl benchmarks -am
fi
CP="$(mvn -q -o -B -ntp ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL} -pl benchmarks exec:exec -Dexec.executable=echo -Dexec.args=%classpath -Dstyle.color=never | sed "s/\x1b\[[0-9;]*m//g" | grep -v "^[[:space:]]*$" | tail -1)"
MODULE="${REDISEARCH_MODULE:-/work/shared/redisearch/redisearch.so}"
