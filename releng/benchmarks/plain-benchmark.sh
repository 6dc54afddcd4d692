# Shared by the single-file benchmarks (pipeline.sh, traditional.sh). Sourced, not run.
#
#   run_plain_benchmark NAME PROGRAM.java "BUNDLE..." "EXTRA_JAR..." "JVM_OPTION..." [--no-build] [--dry]
#
# Builds the bundles (unless --no-build), puts their jars and the extra jars on a plain class path
# (no OSGi framework) and runs PROGRAM.java as a single-file program, which appends its section to
# releng/benchmarks/results.md with the commit (unless --dry: print only).
run_plain_benchmark() {
	local name="$1" program="$2" bundles="$3" extra="$4" jvm="$5"
	shift 5
	local build=1 append=1 arg bundle jar
	for arg in "$@"; do
		case "$arg" in
			--no-build) build=0 ;;
			--dry) append=0 ;;
			*) echo "$name: unknown option '$arg' (known: --no-build, --dry)" >&2; exit 2 ;;
		esac
	done
	find_java
	cd "$FACET_ROOT"
	if [ "$build" = 1 ]; then
		local modules=""
		for bundle in $bundles; do modules="$modules${modules:+,}bundles/$bundle"; done
		./mvnw -B -o -q clean package -DskipTests -pl "$modules" -am
	fi
	local jars=()
	for bundle in $bundles; do
		jars+=("$(ls bundles/"$bundle"/target/"$bundle"-*.jar 2>/dev/null | head -1)")
		[ -n "${jars[-1]}" ] || { echo "$name: bundles/$bundle/target/$bundle-*.jar is missing: run without --no-build" >&2; exit 1; }
	done
	for jar in $extra; do
		[ -f "$jar" ] || { echo "$name: $jar is missing (it comes with the target platform: run releng/setup.sh)" >&2; exit 1; }
		jars+=("$jar")
	done
	local commit
	commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
	git diff --quiet HEAD 2>/dev/null || commit="$commit (with uncommitted changes)"
	local args=()
	[ "$append" = 1 ] && args=(releng/benchmarks/results.md "$commit")
	# shellcheck disable=SC2086 # the JVM options are words on purpose
	exec "$JAVA_HOME/bin/java" $jvm -cp "$(IFS=:; echo "${jars[*]}")" "$program" "${args[@]}"
}
