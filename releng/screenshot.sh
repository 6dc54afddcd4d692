#!/usr/bin/env bash
# Starts the built workbench on a virtual X display and saves a picture of its screen, so that
# the UI can be looked at (and the picture kept in docs/) on a machine without a monitor.
#
#   releng/screenshot.sh [out.png [later.png ...]]     default docs/screenshots/workbench.png
#
# Several files: the first is taken after FACET_WAIT seconds, each next one FACET_NEXT_WAIT
# seconds later (default 10), e.g. a training dashboard while it runs and once it is done.
# The workbench itself understands (see FacetWorkbenchAdvisor):
# FACET_OPEN         experiment files to open at start (separated by ':')
# FACET_EDITOR_PAGE  "source" to show the last one's JSON source page, "training" its training settings
# FACET_TRAIN        "1" to start training the last one at once
# FACET_RUNS         the run store the Runs view shows and training writes to
# FACET_SHOW         a dialog to open after start: install-plugin, uninstall-plugin, preferences
# FACET_PLUGIN_LOCATION  the jar or update site folder the install-plugin dialog starts with
# FACET_SHOW_VIEW    view ids to show, separated by ':', the last on top (e.g. facet.ui.views.heatmap,
#                    facet.ui.views.analyze, facet.ui.views.dataset)
# FACET_VIEW_INPUT   images or folders the last shown view (heatmaps, analyze) opens and works on at once
# FACET_MODELS       models for it, separated by ',' (pretrained or run ids)
# FACET_DATASET      a dataset id or experiment file the Dataset view (last shown) reads at once
# FACET_COMPARE      runs (ids or folders, separated by ':') to open in the compare editor
# FACET_MAXIMIZE     "1" to maximize the last shown view or the compare editor
# (see facet.ui.internal.common.StartupRequests)
# FACET_PRODUCT   the materialized product (default: product/target/products/facet.product/linux/gtk/x86_64)
# FACET_DISPLAY   the X display to use (default :99)
# FACET_WAIT      seconds to give the workbench before the picture (default 15)
# Needs Xvfb and ImageMagick's `import`; xdotool, if installed, moves the pointer out of the way.
set -euo pipefail
product="${FACET_PRODUCT:-}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
product="${product:-$FACET_PRODUCT}"
display="${FACET_DISPLAY:-:99}"
wait_s="${FACET_WAIT:-15}"
next_s="${FACET_NEXT_WAIT:-10}"
outs=("$@")
[ ${#outs[@]} -gt 0 ] || outs=("$FACET_ROOT/docs/screenshots/workbench.png")
out="${outs[0]}"

for tool in Xvfb import; do
	command -v "$tool" >/dev/null || { echo "screenshot: $tool is not installed (apt-get install xvfb imagemagick)" >&2; exit 1; }
done
launcher="$(ls "$product"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -1)"
[ -n "$launcher" ] || { echo "screenshot: no product at $product; build it first (releng/setup.sh)" >&2; exit 1; }
find_java
mkdir -p "$(dirname "$out")"

workspace="$(mktemp -d /tmp/facet-ws.XXXXXX)"
log="$workspace.log"
xvfb_pid=""
app_pid=""
cleanup() {
	# only what this script started, by pid
	local children=""
	[ -n "$app_pid" ] && children="$(pgrep -P "$app_pid" || true)"
	[ -n "$children" ] && kill $children 2>/dev/null || true
	[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
	# the display goes only after the workbench has exited: GTK crashes when its X server
	# vanishes under it (a JVM crash log in the working folder), which with DJL loaded takes seconds
	for _ in $(seq 1 30); do
		alive=""
		for pid in $children; do
			kill -0 "$pid" 2>/dev/null && alive=1
		done
		[ -z "$alive" ] && break
		sleep 0.5
	done
	[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
	rm -rf "$workspace"
}
trap cleanup EXIT

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
kill -0 "$xvfb_pid" 2>/dev/null || { echo "screenshot: Xvfb $display did not start (display in use? set FACET_DISPLAY)" >&2; exit 1; }

# through the real launcher, with a fresh workspace each time, so that no persisted window layout
# hides a change to the perspective; FACET_PLUGINS passes through (module bundles to show)
DISPLAY="$display" GDK_BACKEND=x11 FACET_WORKSPACE="$workspace/data" FACET_PRODUCT="$product" \
	"$FACET_ROOT/facet" gui >"$log" 2>&1 &
app_pid=$!
sleep "$wait_s"
if ! kill -0 "$app_pid" 2>/dev/null; then
	echo "screenshot: the workbench exited early; its log:" >&2
	cat "$log" >&2
	exit 1
fi
# Xvfb puts the pointer in the middle of the screen, where it raises a tool tip over whatever
# lies there; xdotool (optional) moves it to the corner
if command -v xdotool >/dev/null; then
	DISPLAY="$display" xdotool mousemove 1279 799 || true
fi
for i in "${!outs[@]}"; do
	if [ "$i" -gt 0 ]; then
		sleep "$next_s"
	fi
	mkdir -p "$(dirname "${outs[$i]}")"
	import -display "$display" -window root "${outs[$i]}"
	echo "screenshot: ${outs[$i]}"
done
echo "screenshot: workbench log: $log"
