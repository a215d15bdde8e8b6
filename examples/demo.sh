#!/usr/bin/env bash
# The quick-start demo. Until `cuarec record` lands it writes a synthetic episode (clean by
# construction) through the real crash-safe writer and shows it with `cuarec info`.
set -euo pipefail
out=${CUAREC_DEMO_OUT:-episodes}
episode=$(python -c "
from pathlib import Path
from recorder.episode.synthetic import write_synthetic_episode
import time
print(write_synthetic_episode(Path('$out'), n_steps=14, size=(640, 480), seed=time.time_ns() % 10**9))
")
cuarec info "$episode"
