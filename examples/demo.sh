#!/usr/bin/env bash
# The quick-start demo: a scripted recording on a virtual display.
# Starts Xvfb and an xterm, records with `cuarec record --duration`, drives the terminal with
# xdotool (typing an e-mail address, a secret at a silent password prompt, ordinary commands),
# then shows the episode with `cuarec info`. Needs: xvfb, xterm, xdotool (make system-deps).
set -euo pipefail
out=${CUAREC_DEMO_OUT:-episodes}
work=$(mktemp -d)
trap 'kill ${term:-} ${xvfb:-} 2>/dev/null || true; rm -rf "$work"' EXIT

exec 3> "$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$work/display")"
xterm -geometry 90x28+0+0 -fa "DejaVu Sans Mono" -fs 13 -e bash --norc --noprofile \
  >/dev/null 2>&1 &
term=$!
sleep 1

cuarec record "Show a greeting, check a secret, list files" --duration 30 --yes \
  --ready-file "$work/ready" --out "$out" --json > "$work/summary.json" &
recorder=$!
for _ in $(seq 600); do [ -f "$work/ready" ] && break; sleep 0.1; done
[ -f "$work/ready" ] || { echo "the recorder did not start" >&2; exit 1; }

say() { xdotool type --delay 40 "$1"; xdotool key Return; sleep 1.2; }
xdotool mousemove 300 200 click 1
sleep 0.5
say "echo hello, write to jane.doe@example.com"
say 'read -s -p "Password: " secret'
say "correct-horse-battery"
say "ls /usr"
xdotool key ctrl+alt+q   # the stop hotkey
wait "$recorder"
episode=$(python -c "import json,sys; print(json.load(open(sys.argv[1]))['episode'])" \
  "$work/summary.json")
cuarec info "$episode"
