# Shared by the single-file benchmarks (pipeline.sh, traditional.sh, detectors.sh). Sourced, not run.
# They run a Java program as a single-file source program on the plain class path of built Facet
# jars and library jars: no OSGi framework is involved.

# plain_benchmark_classpath NAME BUILD "BUNDLE..." "EXTRA_JAR..."
# Builds the bundles when BUILD is 1 and sets PLAIN_CLASSPATH to their jars and the extra jars,
# or exits naming the jar that is missing.
plain_benchmark_classpath() {
	local name="$1" build="$2" bundles="$3" extra="$4" bundle jar modules=""
	find_java
	cd "$FACET_ROOT"
	if [ "$build" = 1 ]; then
		for bundle in $bundles; do modules="$modules${modules:+,}bundles/$bundle"; done
		./mvnw -B -o -q clean package -DskipTests -pl "$modules" -am
	fi
	local jars=()
	for bundle in $bundles; do
		jar="$(ls bundles/"$bundle"/target/"$bundle"-*.jar 2>/dev/null | head -1)"
		[ -n "$jar" ] || { echo "$name: bundles/$bundle/target/$bundle-*.jar is missing: run without --no-build" >&2; exit 1; }
		jars+=("$jar")
	done
	for jar in $extra; do
		[ -f "$jar" ] || { echo "$name: $jar is missing (it comes with the target platform: run releng/setup.sh)" >&2; exit 1; }
		jars+=("$jar")
	done
	PLAIN_CLASSPATH="$(IFS=:; echo "${jars[*]}")"
}

# run_plain_benchmark NAME PROGRAM.java "BUNDLE..." "EXTRA_JAR..." "JVM_OPTION..." [--no-build] [--dry]
# Runs PROGRAM.java, which appends its section to releng/benchmarks/results.md with the commit
# (unless --dry: print only).
run_plain_benchmark() {
	local name="$1" program="$2" bundles="$3" extra="$4" jvm="$5"
	shift 5
	local build=1 append=1 arg
	for arg in "$@"; do
		case "$arg" in
			--no-build) build=0 ;;
			--dry) append=0 ;;
			*) echo "$name: unknown option '$arg' (known: --no-build, --dry)" >&2; exit 2 ;;
		esac
	done
	plain_benchmark_classpath "$name" "$build" "$bundles" "$extra"
	local commit
	commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	git diff --quiet HEAD 2>/dev/null || commit="$commit (with uncommitted changes)"
	local args=()
	[ "$append" = 1 ] && args=(releng/benchmarks/results.md "$commit")
	# shellcheck disable=SC2086 # the JVM options are words on purpose
	exec "$JAVA_HOME/bin/java" $jvm -cp "$PLAIN_CLASSPATH" "$program" "${args[@]}"
}
