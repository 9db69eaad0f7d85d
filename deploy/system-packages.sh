#!/usr/bin/env bash
# Installs (when root) or names (otherwise) the Debian/Ubuntu packages the kiosk needs:
# espeak-ng for Chinese and English speech, libpulse0 for sound, cups-client for printing,
# Python venv and headers, the pyscard build (gcc, swig, libpcsclite-dev), the Tibetan
# and CJK fonts, and the xcb/GL libraries Qt loads. Idempotent: does nothing when all
# are present.
set -euo pipefail

PACKAGES=(
  python3-venv python3-dev gcc swig libpcsclite-dev curl
  fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
  espeak-ng libespeak-ng1 libpulse0 cups-client
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1
)
PACKAGES+=("$@")  # callers may add packages (e.g. test services)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-packages: not a Debian/Ubuntu system; install the equivalents of:" >&2
  echo "  ${PACKAGES[*]}" >&2
  exit 1
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "system-packages: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "system-packages: these packages are missing. Install them, then run make again:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
